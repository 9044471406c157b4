package org.mllabs.grading.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.model.rows.RowPipeline;
import org.mllabs.runtime.model.rows.UnsupportedStageException;

/**
 * The per-row path ({@link RowPipeline}) held to Spark's {@code transform} on every row a model scores: each row it
 * answers must get exactly the prediction {@code transform} gave that row, and a row {@code transform} left out must
 * get no answer; it may leave a row to Spark (that is then counted), or the whole model when a stage has no per-row
 * path (that is then named). Any difference fails with the rows that differ.
 */
final class RowPathCheck {

    /** How many differing rows a failure lists. */
    private static final int SHOWN = 5;

    private final String unsupported;
    private final Optional<RowPipeline> pipeline;
    private int rows;
    private int answered;

    private RowPathCheck(Optional<RowPipeline> pipeline, String unsupported) {
        this.pipeline = pipeline;
        this.unsupported = unsupported;
    }

    /** The per-row path of the model for rows of these columns, or the reason it has none. */
    static RowPathCheck of(PipelineModel model, Dataset<Row> rows) {
        try {
            return new RowPathCheck(Optional.of(RowPipeline.of(model, rows.schema())), "");
        } catch (UnsupportedStageException e) {
            return new RowPathCheck(Optional.empty(), e.getMessage());
        }
    }

    /**
     * Scores every row through the per-row path and compares it with what {@code transform} predicted.
     *
     * @param uri the model, to name in a failure
     * @param rows the rows {@code transform} was given
     * @param keyColumn the column that tells the rows apart
     * @param transformed the key and prediction of each row {@code transform} gave a prediction
     * @throws AssertionError when a row's per-row prediction is not {@code transform}'s
     */
    void compare(String uri, Dataset<Row> rows, String keyColumn, List<Row> transformed) {
        Map<String, Double> spark = new HashMap<>();
        transformed.forEach(row -> spark.put(row.getString(0), row.getDouble(1)));
        List<String> differences = new ArrayList<>();
        for (Row row : rows.collectAsList()) {
            this.rows++;
            OptionalDouble perRow = predict(row);
            if (perRow.isEmpty()) {
                continue;
            }
            answered++;
            String key = row.getAs(keyColumn);
            Double expected = spark.get(key);
            if (expected == null || Double.compare(expected, perRow.getAsDouble()) != 0) {
                differences.add(key + ": per-row " + perRow.getAsDouble() + ", transform "
                        + (expected == null ? "left the row out" : expected));
            }
        }
        if (!differences.isEmpty()) {
            throw new AssertionError("The per-row path of " + uri + " differs from Spark's transform on "
                    + differences.size() + " of " + this.rows + " rows, such as " + differences.subList(0,
                    Math.min(SHOWN, differences.size())));
        }
    }

    /**
     * Requires the per-row path to give no answer to a row Spark refuses.
     *
     * @throws AssertionError when it answers
     */
    void requireNoAnswer(String uri, Row refused) {
        OptionalDouble perRow = predict(refused);
        if (perRow.isPresent()) {
            throw new AssertionError("The per-row path of " + uri + " answers " + perRow.getAsDouble()
                    + " for a row Spark's transform refuses: " + refused);
        }
    }

    private OptionalDouble predict(Row row) {
        return pipeline.map(rowPipeline -> rowPipeline.predict(IntStream.range(0, row.length()).mapToObj(row::get)
                .toList())).orElse(OptionalDouble.empty());
    }

    /** Writes the counts, and the reason when there is no per-row path, into a manifest entry. */
    void describe(ObjectNode node) {
        node.put("rows", rows);
        node.put("answered_as_transform", answered);
        node.put("left_to_spark", rows - answered);
        if (pipeline.isEmpty()) {
            node.put("no_per_row_path", unsupported);
        }
    }

    @Override
    public String toString() {
        return "per-row path: " + rows + " rows, " + answered + " answered exactly as transform, " + (rows - answered)
                + " left to Spark" + (pipeline.isEmpty() ? " (" + unsupported + ")" : "");
    }
}
