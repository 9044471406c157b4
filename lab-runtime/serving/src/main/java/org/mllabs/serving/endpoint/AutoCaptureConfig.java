package org.mllabs.serving.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An endpoint's inference table, as Databricks' {@code config.auto_capture_config} names it: every request and
 * response goes to the Delta table {@code <catalog_name>.<schema_name>.<table_name_prefix>_payload}.
 *
 * @param catalogName the table's catalog
 * @param schemaName its schema
 * @param tableNamePrefix the prefix of its name, by default the endpoint's name
 * @param enabled whether requests are recorded
 */
public record AutoCaptureConfig(String catalogName, String schemaName, String tableNamePrefix, boolean enabled) {

    private static final Set<String> FIELDS = Set.of("catalog_name", "schema_name", "table_name_prefix", "enabled");
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_]+");

    /**
     * Reads a config's {@code auto_capture_config}.
     *
     * @param endpoint the endpoint's name, the table name's prefix unless the config gives one
     * @throws ServingError naming the field that is missing or wrong
     */
    static AutoCaptureConfig parse(JsonNode config, String endpoint) {
        String what = "auto_capture_config";
        if (!config.isObject()) {
            throw ServingError.invalidParameter("auto_capture_config must be an object.");
        }
        ApiFields.onlyKnown(config, what, FIELDS);
        String catalog = part(ApiFields.requiredText(config, "catalog_name", what), "catalog_name");
        String schema = part(ApiFields.requiredText(config, "schema_name", what), "schema_name");
        String prefix = part(ApiFields.text(config, "table_name_prefix", what).orElse(endpoint.replace('-', '_')),
                "table_name_prefix");
        return new AutoCaptureConfig(catalog, schema, prefix, ApiFields.bool(config, "enabled", what).orElse(true));
    }

    private static String part(String value, String field) {
        if (!PART.matcher(value).matches()) {
            throw ServingError.invalidParameter("auto_capture_config's " + field + " '" + value + "' may only "
                    + "contain letters, digits and '_'.");
        }
        return value;
    }

    /** The inference table's three-part name. */
    public String tableName() {
        return catalogName + "." + schemaName + "." + tableNamePrefix + "_payload";
    }

    /** The fields as the API returns them, with the table's state. */
    ObjectNode toJson(boolean withState) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("catalog_name", catalogName);
        json.put("schema_name", schemaName);
        json.put("table_name_prefix", tableNamePrefix);
        json.put("enabled", enabled);
        if (withState) {
            ObjectNode table = json.putObject("state").putObject("payload_table");
            table.put("name", tableNamePrefix + "_payload");
            table.put("status", enabled ? "ACTIVE" : "DISABLED");
        }
        return json;
    }
}
