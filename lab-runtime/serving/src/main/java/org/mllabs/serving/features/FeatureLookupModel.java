package org.mllabs.serving.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mllabs.runtime.featurestore.FeatureSpec;
import org.mllabs.runtime.featurestore.OnlineTable;
import org.mllabs.serving.model.ServedModel;
import org.mllabs.serving.scoring.ColumnType;
import org.mllabs.serving.scoring.InputColumn;
import org.mllabs.serving.scoring.InputSchema;
import org.mllabs.serving.scoring.ModelInput;

/**
 * A model logged with its feature lineage ({@value FeatureSpec#FILE}), served as Databricks serves one: a request
 * carries the lookup keys (and any input no feature table gives), and the features of each lookup are added from the
 * table's online copy, each key's latest row. A key with no row in the copy gets missing values, which the model
 * meets as it meets any missing value. A request that carries a feature itself keeps its value (a value in the request
 * overrides the looked-up one); a timestamp lookup key is not needed, the online copy holding each key's latest row.
 *
 * <p>Requests are checked against a schema of their own: the lookup keys, required, of their columns' types in the
 * online copy, then the model's signature with the looked-up features made optional. A model without a signature is
 * handed the request's columns and the features.
 */
public final class FeatureLookupModel implements ServedModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServedModel model;
    private final List<Lookup> lookups;
    private final Optional<InputSchema> requestSchema;

    private FeatureLookupModel(ServedModel model, List<Lookup> lookups) {
        this.model = model;
        this.lookups = List.copyOf(lookups);
        this.requestSchema = model.schema().map(this::requestSchema);
    }

    /**
     * The model, with the lookups of its feature spec served from the tables' online copies.
     *
     * @throws IllegalStateException when a table was never published, or its copy lacks a feature the model needs
     */
    public static FeatureLookupModel of(ServedModel model, FeatureSpec spec) {
        List<Lookup> lookups = new ArrayList<>();
        for (FeatureSpec.Lookup lookup : spec.lookups()) {
            OnlineFeatures online = OnlineFeatures.open(lookup.tableName(), Path.of(lookup.tablePath()));
            List<String> published = online.table().features().stream().map(OnlineTable.Column::name).toList();
            for (String feature : lookup.features()) {
                if (!published.contains(feature)) {
                    throw new IllegalStateException("the online copy of " + lookup.tableName() + " has no feature "
                            + feature + " (it has " + published + "): publish the table again with "
                            + "FeatureStore.publishTable(\"" + lookup.tableName() + "\")");
                }
            }
            lookups.add(new Lookup(lookup.lookupKeys(), lookup.features(), online));
        }
        return new FeatureLookupModel(model, lookups);
    }

    /** How many features the lookups add, and from which tables, for the served entity's state. */
    public String describe() {
        Set<String> tables = new LinkedHashSet<>();
        lookups.forEach(lookup -> tables.add(lookup.online().table().tableName()));
        return "Looks up " + lookups.stream().mapToInt(lookup -> lookup.features().size()).sum()
                + " features by key in the online store (" + String.join(", ", tables) + ").";
    }

    @Override
    public Optional<InputSchema> schema() {
        return requestSchema;
    }

    @Override
    public List<Object> predict(ModelInput input) {
        return model.predict(withFeatures(input));
    }

    @Override
    public List<Object> predictWithReferencePath(ModelInput input) {
        return model.predictWithReferencePath(withFeatures(input));
    }

    /** The request's rows with the looked-up features, as the model's signature orders and types its inputs. */
    private ModelInput withFeatures(ModelInput input) {
        List<String> columns = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        if (model.schema().isPresent()) {
            for (InputColumn column : model.schema().get().columns()) {
                columns.add(column.name());
                types.add(ColumnType.ofMlflow(column.type()).orElseThrow(() -> new IllegalStateException(
                        "the model's input " + column.name() + " is of type " + column.type()
                                + ", which a feature lookup cannot give")));
            }
        } else {
            columns.addAll(input.columns());
            types.addAll(input.types());
            for (Lookup lookup : lookups) {
                for (OnlineTable.Column feature : lookup.online().table().features()) {
                    if (lookup.features().contains(feature.name()) && !columns.contains(feature.name())) {
                        columns.add(feature.name());
                        types.add(ColumnType.ofMlflow(feature.type()).orElseThrow());
                    }
                }
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> values : input.rows()) {
            Map<String, Object> row = new HashMap<>();
            for (int i = 0; i < values.size(); i++) {
                row.put(input.columns().get(i), values.get(i));
            }
            for (Lookup lookup : lookups) {
                lookup.addFeatures(row);
            }
            List<Object> complete = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                complete.add(valueOf(row.get(columns.get(i)), types.get(i)));
            }
            rows.add(complete);
        }
        return new ModelInput(columns, types, rows);
    }

    private InputSchema requestSchema(InputSchema modelSchema) {
        ArrayNode specs = JSON.createArrayNode();
        Set<String> keys = new LinkedHashSet<>();
        Set<String> looked = new LinkedHashSet<>();
        Set<String> inputs = new LinkedHashSet<>();
        modelSchema.columns().forEach(column -> inputs.add(column.name()));
        for (Lookup lookup : lookups) {
            looked.addAll(lookup.features());
            List<OnlineTable.Column> published = lookup.online().table().columns();
            for (int i = 0; i < lookup.lookupKeys().size(); i++) {
                String key = lookup.lookupKeys().get(i);
                if (!inputs.contains(key) && keys.add(key)) {
                    specs.addObject().put("type", published.get(i).type()).put("name", key).put("required", true);
                }
            }
        }
        try {
            for (JsonNode spec : JSON.readTree(modelSchema.json())) {
                ObjectNode copy = spec.deepCopy();
                if (looked.contains(spec.path("name").asText()) && !keys.contains(spec.path("name").asText())) {
                    copy.put("required", false);
                }
                specs.add(copy);
            }
            return InputSchema.parse(JSON.writeValueAsString(specs));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The model's signature cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    private static Object valueOf(Object value, ColumnType type) {
        if (value instanceof Number number) {
            return switch (type) {
                case DOUBLE -> number.doubleValue();
                case FLOAT -> number.floatValue();
                case LONG -> number.longValue();
                case INTEGER -> number.intValue();
                case STRING -> number.toString();
                case BOOLEAN -> value;
            };
        }
        return type == ColumnType.STRING && value != null ? value.toString() : value;
    }

    /**
     * One lookup of the feature spec.
     *
     * @param lookupKeys the request's columns matched to the table's primary keys
     * @param features the features it adds
     * @param online the table's online copy
     */
    private record Lookup(List<String> lookupKeys, List<String> features, OnlineFeatures online) {

        void addFeatures(Map<String, Object> row) {
            List<Object> keys = lookupKeys.stream().map(row::get).toList();
            Map<String, Object> found = keys.stream().anyMatch(Objects::isNull) ? Map.of()
                    : online.lookup(keys).orElse(Map.of());
            for (String feature : features) {
                if (row.get(feature) == null) {
                    row.put(feature, found.get(feature));
                }
            }
        }
    }
}
