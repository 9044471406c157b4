package org.mllabs.serving.endpoint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A share of an endpoint's requests, as {@code config.traffic_config.routes[]} gives it.
 *
 * @param servedEntityName the served entity that answers them
 * @param trafficPercentage its share, 0 to 100
 * @param shadow whether the entity scores a copy of every request instead, its answer recorded in the inference
 *     table and never returned (this service's own field: Databricks has no shadow traffic); its share is then 0
 */
public record TrafficRoute(String servedEntityName, int trafficPercentage, boolean shadow) {

    /** A route that answers its share of the requests. */
    public TrafficRoute(String servedEntityName, int trafficPercentage) {
        this(servedEntityName, trafficPercentage, false);
    }

    /** The fields as the API returns them; {@code shadow} only on a shadow route. */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("served_entity_name", servedEntityName);
        json.put("traffic_percentage", trafficPercentage);
        if (shadow) {
            json.put("shadow", true);
        }
        return json;
    }
}
