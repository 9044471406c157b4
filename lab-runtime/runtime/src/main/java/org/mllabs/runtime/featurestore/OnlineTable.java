package org.mllabs.runtime.featurestore;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A feature table's online copy: each primary key's latest row (its keys and features, not its timestamp), as
 * {@link FeatureTables#publishTable} took it from one Delta version of the table.
 *
 * @param tableName the feature table's name
 * @param sourcePath the feature table's Delta directory
 * @param sourceVersion the Delta version the copy was taken from
 * @param publishedAt when it was taken, an ISO-8601 instant
 * @param primaryKeys the table's primary keys, the first columns of each row
 * @param columns the primary keys then the features, each with its type
 * @param rows one row a key, its values in the order of {@code columns}
 */
public record OnlineTable(@JsonProperty("table_name") String tableName,
                          @JsonProperty("source_path") String sourcePath,
                          @JsonProperty("source_version") long sourceVersion,
                          @JsonProperty("published_at") String publishedAt,
                          @JsonProperty("primary_keys") List<String> primaryKeys,
                          @JsonProperty("columns") List<Column> columns,
                          @JsonProperty("rows") List<List<Object>> rows) {

    public OnlineTable {
        primaryKeys = List.copyOf(primaryKeys);
        columns = List.copyOf(columns);
        List<List<Object>> copies = new ArrayList<>();
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("A row of " + row.size() + " values in the online copy of "
                        + tableName + ", which has " + columns.size() + " columns");
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                values.add(columns.get(i).valueOf(row.get(i)));
            }
            copies.add(Collections.unmodifiableList(values));
        }
        rows = Collections.unmodifiableList(copies);
    }

    /**
     * A column of the online copy.
     *
     * @param name its name
     * @param type Spark's name of its type, which is MLflow's too: {@code double}, {@code float}, {@code long},
     *     {@code integer}, {@code boolean} or {@code string}
     */
    public record Column(@JsonProperty("name") String name, @JsonProperty("type") String type) {

        /** The types an online copy holds. */
        public static final List<String> TYPES = List.of("double", "float", "long", "integer", "boolean", "string");

        public Column {
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("The column " + name + " is of type " + type
                        + ", which an online copy does not hold; it holds " + TYPES);
            }
        }

        /**
         * A value as this column holds it: a number of its type's Java class, a boolean, a string, or null; the text
         * {@code NaN} or {@code Infinity} of a floating-point column as that number. Lookups compare keys made so.
         *
         * @throws IllegalArgumentException when the value cannot be of the column's type
         */
        public Object valueOf(Object value) {
            if (value == null) {
                return null;
            }
            try {
                return switch (type) {
                    case "double" -> value instanceof Number number ? number.doubleValue()
                            : Double.valueOf(value.toString());
                    case "float" -> value instanceof Number number ? number.floatValue()
                            : Float.valueOf(value.toString());
                    case "long" -> value instanceof Number number ? number.longValue() : Long.valueOf(value.toString());
                    case "integer" -> value instanceof Number number ? number.intValue()
                            : Integer.valueOf(value.toString());
                    case "boolean" -> value instanceof Boolean ? value : Boolean.valueOf(value.toString());
                    default -> value.toString();
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The value " + value + " of " + name + " is not a " + type, e);
            }
        }
    }

    /** The features: the columns after the primary keys. */
    public List<Column> features() {
        return columns.subList(primaryKeys.size(), columns.size());
    }
}
