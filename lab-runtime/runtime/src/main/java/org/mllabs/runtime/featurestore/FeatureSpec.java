package org.mllabs.runtime.featurestore;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.List;

/**
 * The feature lineage of a model, written next to it as {@value #FILE} (as Databricks does): the label, and for each
 * lookup the feature table (name, Delta path and the version the training set read), its keys, the lookup keys and
 * the features it brought. {@link FeatureStore#scoreBatch} reads it to look the same features up by key.
 *
 * @param label the label column of the training set
 * @param lookups one entry a feature lookup, in the order of the training set
 */
public record FeatureSpec(@JsonProperty("label") String label, @JsonProperty("lookups") List<Lookup> lookups) {

    /** The file's name in the model's directory. */
    public static final String FILE = "feature_spec.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    public FeatureSpec {
        lookups = List.copyOf(lookups);
    }

    /**
     * One lookup of the training set.
     *
     * @param tableName the feature table's name
     * @param tablePath the feature table's Delta directory
     * @param tableVersion the Delta version the training set read
     * @param primaryKeys the table's primary keys
     * @param timestampKey the table's timestamp key, or null
     * @param lookupKeys the training set's columns matched to the primary keys
     * @param timestampLookupKey the training set's timestamp column of a point-in-time lookup, or null
     * @param features the features it brought
     */
    public record Lookup(@JsonProperty("table_name") String tableName,
                         @JsonProperty("table_path") String tablePath,
                         @JsonProperty("table_version") long tableVersion,
                         @JsonProperty("primary_keys") List<String> primaryKeys,
                         @JsonProperty("timestamp_key") String timestampKey,
                         @JsonProperty("lookup_keys") List<String> lookupKeys,
                         @JsonProperty("timestamp_lookup_key") String timestampLookupKey,
                         @JsonProperty("features") List<String> features) {
    }

    /** The spec as YAML. */
    public String toYaml() {
        try {
            return YAML.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the feature spec as YAML", e);
        }
    }

    /** Reads a spec written by {@link #toYaml()}. */
    public static FeatureSpec fromYaml(String yaml) {
        try {
            return YAML.readValue(yaml, FeatureSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a feature spec: " + e.getOriginalMessage(), e);
        }
    }
}
