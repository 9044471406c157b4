package org.mllabs.runtime.datasets;

import java.util.Objects;

/**
 * One column of a lab dataset.
 *
 * @param name the column name, as in the CSV header
 * @param type the column type
 */
public record DatasetColumn(String name, ColumnType type) {

    public DatasetColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
