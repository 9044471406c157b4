package org.mllabs.serving.endpoint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A share of an endpoint's requests, as {@code config.traffic_config.routes[]} gives it.
 *
 * @param servedEntityName the served entity that answers them
 * @param trafficPercentage its share, 0 to 100
 */
public record TrafficRoute(String servedEntityName, int trafficPercentage) {

    /** The fields as the API returns them. */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("served_entity_name", servedEntityName);
        json.put("traffic_percentage", trafficPercentage);
        return json;
    }
}
