package org.mllabs.runtime.serving;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An endpoint config in Databricks' shape, built up a part at a time: {@code served_entities},
 * {@code traffic_config.routes} (a {@code shadow} route being this service's own) and {@code auto_capture_config}.
 */
public final class EndpointConfig {

    private final ObjectNode json = JsonNodeFactory.instance.objectNode();
    private final ArrayNode entities = json.putArray("served_entities");
    private ArrayNode routes;

    EndpointConfig() {
    }

    /**
     * Serves a registered model version.
     *
     * @param name the served entity's name, which routes and the inference table name it by
     * @param entityName the registered model's three-part name
     * @param version the version number it is pinned to
     */
    public EndpointConfig servedEntity(String name, String entityName, String version) {
        ObjectNode entity = entities.addObject();
        entity.put("name", name);
        entity.put("entity_name", entityName);
        entity.put("entity_version", version);
        entity.put("workload_size", "Small");
        entity.put("scale_to_zero_enabled", false);
        return this;
    }

    /** Routes a whole-number percentage of the traffic to a served entity; the routes sum to 100. */
    public EndpointConfig route(String servedEntityName, int percentage) {
        ObjectNode route = routes().addObject();
        route.put("served_entity_name", servedEntityName);
        route.put("traffic_percentage", percentage);
        return this;
    }

    /**
     * Makes a served entity a shadow (this service's own): it scores a copy of every routed request, its answers
     * going to the inference table only.
     */
    public EndpointConfig shadow(String servedEntityName) {
        ObjectNode route = routes().addObject();
        route.put("served_entity_name", servedEntityName);
        route.put("traffic_percentage", 0);
        route.put("shadow", true);
        return this;
    }

    /** Records every request in the inference table {@code <catalog>.<schema>.<prefix>_payload}. */
    public EndpointConfig inferenceTable(String catalog, String schema, String tableNamePrefix) {
        ObjectNode capture = json.putObject("auto_capture_config");
        capture.put("catalog_name", catalog);
        capture.put("schema_name", schema);
        capture.put("table_name_prefix", tableNamePrefix);
        capture.put("enabled", true);
        return this;
    }

    private ArrayNode routes() {
        if (routes == null) {
            routes = json.putObject("traffic_config").putArray("routes");
        }
        return routes;
    }

    /** The config as the API takes it. */
    public ObjectNode toJson() {
        return json.deepCopy();
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
