package org.mllabs.runtime.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A dataset CSV file read as text, for checks that need no Spark: its cells never need quoting. */
record CsvFile(List<String> header, List<String[]> rows) {

    static CsvFile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    static CsvFile parse(String text) {
        List<String> lines = text.lines().toList();
        return new CsvFile(List.of(lines.get(0).split(",", -1)),
                lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1)).toList());
    }

    /** A column's cells, empty where missing. */
    List<String> column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("No column " + name + " in " + header);
        }
        return rows.stream().map(row -> row[index]).toList();
    }

    /** The mean of a numeric column, over the cells that are not missing. */
    double mean(String name) {
        return column(name).stream().filter(c -> !c.isEmpty()).mapToDouble(Double::parseDouble).average()
                .orElseThrow();
    }
}
