package org.mllabs.runtime.lineage;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A fingerprint of a table's content that does not depend on who reads it: the lab computes it from a Spark
 * {@code Dataset}, a grader from the same table version read with the Delta Kernel, and the two agree exactly when the
 * rows and their values do.
 *
 * <p>How: each row becomes the text {@code column=value} for every column in the order given, with values in one
 * canonical form (whole numbers of any width as a {@code long}, floating point numbers as a {@code double},
 * {@code java.sql.Timestamp} and {@code java.sql.Date} as {@code Instant} and {@code LocalDate}, byte arrays in hex,
 * null as {@code null}); the row texts are sorted, so row order does not count, joined by newlines and hashed with
 * SHA-256; the digest is the first 16 hex digits, short enough for MLflow's dataset digest field.
 */
public final class ContentDigest {

    private static final int LENGTH = 16;

    private ContentDigest() {
    }

    /** The digest of every row of a Spark dataset, over all its columns in schema order. Collects the rows. */
    public static String of(Dataset<Row> rows) {
        List<String> columns = Arrays.asList(rows.columns());
        List<Map<String, Object>> values = new ArrayList<>();
        for (Row row : rows.collectAsList()) {
            Map<String, Object> named = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                named.put(columns.get(i), row.get(i));
            }
            values.add(named);
        }
        return of(columns, values);
    }

    /**
     * The digest of rows given as column name to value.
     *
     * @param columns the columns that count, in order
     * @param rows the rows; a column a row lacks counts as null
     */
    public static String of(List<String> columns, List<? extends Map<String, ?>> rows) {
        List<String> lines = new ArrayList<>(rows.size());
        for (Map<String, ?> row : rows) {
            StringBuilder line = new StringBuilder();
            for (String column : columns) {
                line.append(column).append('=').append(canonical(row.get(column))).append('\u001f');
            }
            lines.add(line.toString());
        }
        Collections.sort(lines);
        return HexFormat.of().formatHex(sha256(String.join("\n", lines))).substring(0, LENGTH);
    }

    /** The canonical text of one value (see the class comment). */
    static String canonical(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof Byte || value instanceof Short || value instanceof Integer
                || value instanceof Long) {
            return Long.toString(((Number) value).longValue());
        } else if (value instanceof Float || value instanceof Double) {
            return Double.toString(((Number) value).doubleValue());
        } else if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        } else if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().toString();
        } else if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        } else if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        return value.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
