package org.mllabs.serving.scoring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rows a served model is handed once a request is read and its schema enforced: the schema's columns in its
 * order (a request's extra columns left out), each value of its column type's Java class, or {@code null} where
 * pandas would hold a missing value. A {@code string} column into which MLflow passes another kind of value unchanged
 * (a number, a boolean) holds that value's JSON text.
 *
 * @param columns the column names
 * @param types each column's type
 * @param rows the rows, each value in the order of {@code columns}
 */
public record ModelInput(List<String> columns, List<ColumnType> types, List<List<Object>> rows) {

    public ModelInput {
        if (columns.size() != types.size()) {
            throw new IllegalArgumentException(columns.size() + " columns but " + types.size() + " types");
        }
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        List<List<Object>> copies = new ArrayList<>();
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("A row of " + row.size() + " values for " + columns.size()
                        + " columns");
            }
            copies.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = List.copyOf(copies);
    }
}
