package org.mllabs.cli.classroom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** One CSV line to and from its fields (RFC 4180 quoting), for gradebooks and rosters. */
final class CsvLines {

    private static final CsvMapper CSV = new CsvMapper();
    private static final ObjectReader READER = CSV.readerFor(String[].class)
            .with(CsvSchema.emptySchema())
            .with(CsvParser.Feature.WRAP_AS_ARRAY);
    private static final ObjectWriter WRITER = CSV.writerFor(String[].class)
            .with(CsvSchema.emptySchema().withLineSeparator(""));

    private CsvLines() {
    }

    /** The fields as one line, quoted where a field holds a comma, a quote or a line break. */
    static String write(List<String> fields) {
        try {
            return WRITER.writeValueAsString(fields.toArray(String[]::new));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a CSV line of " + fields, e);
        }
    }

    /** The fields of one line; empty when the line is not valid CSV, such as one with an unclosed quote. */
    static Optional<List<String>> read(String line) {
        try (MappingIterator<String[]> rows = READER.readValues(line)) {
            return rows.hasNextValue() ? Optional.of(Arrays.asList(rows.nextValue())) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
