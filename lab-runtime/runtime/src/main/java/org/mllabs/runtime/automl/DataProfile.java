package org.mllabs.runtime.automl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What AutoML learned of the data before it tried any model: every column's type, missing ratio and cardinality with
 * the decision taken on it, and the label's balance (the share of each class) or, for regression, its range. Logged
 * on the AutoML run as {@code profile.json} and {@code profile.md}.
 *
 * @param target the label column
 * @param rows how many rows the data has
 * @param columns every column, in the data's order
 * @param label for classification the share of rows of each class, by class; for regression {@code min},
 *              {@code mean} and {@code max}
 */
public record DataProfile(String target, long rows, List<ColumnProfile> columns, Map<String, Double> label) {

    /** Copies the lists. */
    public DataProfile {
        columns = List.copyOf(columns);
        label = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(label));
    }

    /** The numeric feature columns, in the data's order. */
    public List<String> numericColumns() {
        return withRole(ColumnRole.NUMERIC);
    }

    /** The categorical feature columns, in the data's order. */
    public List<String> categoricalColumns() {
        return withRole(ColumnRole.CATEGORICAL);
    }

    /** The columns left out of the features. */
    public List<String> droppedColumns() {
        return withRole(ColumnRole.DROPPED);
    }

    /** A column's profile. */
    public ColumnProfile column(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No column " + name + " in the profile"));
    }

    /** What AutoML turns into features: the numeric and categorical columns. */
    public FeaturePlan featurePlan() {
        return new FeaturePlan(numericColumns(), categoricalColumns());
    }

    /** The profile as indented JSON. */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("target", target);
        json.put("rows", rows);
        json.put("label", label);
        json.put("columns", columns);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the profile as JSON", e);
        }
    }

    /** The profile as a Markdown table, with the label's balance. */
    public String toMarkdown() {
        StringBuilder text = new StringBuilder("# Data profile\n\n")
                .append(rows).append(" rows; label `").append(target).append("`: ");
        text.append(String.join(", ", label.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue())).toList()));
        text.append("\n\n| Column | Type | Missing | Distinct | Role | Why |\n|---|---|---|---|---|---|\n");
        for (ColumnProfile column : columns) {
            // a numeric feature's count only says "two or more": the profiler does not count them all
            String distinct = column.role() == ColumnRole.NUMERIC ? "≥ 2" : String.valueOf(column.distinctValues());
            text.append(String.format(Locale.ROOT, "| %s | %s | %.1f %% | %s | %s | %s |%n", column.name(),
                    column.type(), 100 * column.missingRatio(), distinct,
                    column.role().name().toLowerCase(Locale.ROOT), column.reason()));
        }
        return text.toString();
    }

    private List<String> withRole(ColumnRole role) {
        return columns.stream().filter(column -> column.role() == role).map(ColumnProfile::name).toList();
    }
}
