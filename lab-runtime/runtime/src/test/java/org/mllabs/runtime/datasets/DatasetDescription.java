package org.mllabs.runtime.datasets;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A {@code dataset.yaml}, as tests read it. */
record DatasetDescription(
        String name,
        String file,
        int rows,
        @JsonProperty("problem_type") String problemType,
        String label,
        @JsonProperty("key_column") String keyColumn,
        @JsonProperty("timestamp_column") String timestampColumn,
        String generator,
        long seed,
        String licence,
        List<Column> columns) {

    /** One column's entry. */
    record Column(String name, String type, String description,
            @JsonProperty("missing_percent") double missingPercent) {
    }

    static DatasetDescription read(Path yaml) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readValue(yaml.toFile(), DatasetDescription.class);
    }
}
