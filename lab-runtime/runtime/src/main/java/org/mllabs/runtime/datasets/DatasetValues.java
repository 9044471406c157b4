package org.mllabs.runtime.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One column of a dataset by row key, as the dataset's generator makes the file in {@code datasets/}: regenerated from
 * the generator's fixed seed, so a grader can count the rows a learner's run names by key without Spark, without
 * finding the file, and without trusting the learner's copy of it.
 *
 * <pre>{@code
 * Map<String, String> churned = DatasetValues.byKey(LabDataset.CUSTOMER_CHURN, "churned");  // C000001 -> "0", ...
 * }</pre>
 */
public final class DatasetValues {

    private DatasetValues() {
    }

    /**
     * The column's cells by the row's key, in the file's order, as the file writes them (numbers as text); a row whose
     * cell is missing is left out.
     *
     * @throws IllegalArgumentException if the dataset has no such column
     */
    public static Map<String, String> byKey(LabDataset dataset, String column) {
        if (!dataset.columnNames().contains(column)) {
            throw new IllegalArgumentException(dataset.datasetName() + " has no column '" + column + "'; its columns "
                    + "are " + dataset.columnNames());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map<String, String> row : rows(dataset)) {
            if (row.get(column) != null) {
                values.put(row.get(dataset.keyColumn()), row.get(column));
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * Every row of the dataset, in the file's order: its cells by column name as the file writes them (numbers as
     * text), a missing cell as {@code null}.
     */
    public static List<Map<String, String>> rows(LabDataset dataset) {
        List<String> columns = dataset.columnNames();
        List<String> lines = List.of(generator(dataset).csv(Batch.MAIN).split("\n"));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), cells[i].isEmpty() ? null : cells[i]);
            }
            rows.add(Collections.unmodifiableMap(row));
        }
        return Collections.unmodifiableList(rows);
    }

    private static DatasetGenerator generator(LabDataset dataset) {
        return switch (dataset) {
            case CUSTOMER_CHURN -> new ChurnDatasetGenerator();
            case HOUSE_PRICES -> new HousePriceDatasetGenerator();
        };
    }
}
