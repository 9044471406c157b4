package org.mllabs.serving.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainRequestReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InputSchema SCHEMA = InputSchema.parse("[{\"type\": \"double\", \"name\": \"x\", "
            + "\"required\": true}, {\"type\": \"string\", \"name\": \"s\"}, {\"type\": \"long\", \"name\": \"n\", "
            + "\"required\": false}]");

    @Test
    void readsRecordsAndSplitIntoTheSchemasColumnsInItsOrder() throws Exception {
        Optional<ModelInput> records = read("{\"dataframe_records\": [{\"s\": \"a\", \"x\": 1, \"other\": null}, "
                + "{\"x\": 2.5, \"s\": \"b\", \"other\": 3}]}");
        Optional<ModelInput> split = read("{\"dataframe_split\": {\"columns\": [\"s\", \"n\", \"x\"], "
                + "\"data\": [[\"a\", 7, 1]]}, \"client_request_id\": \"r\"}");

        assertThat(records).hasValueSatisfying(input -> {
            assertThat(input.columns()).containsExactly("x", "s");
            assertThat(input.types()).containsExactly(ColumnType.DOUBLE, ColumnType.STRING);
            assertThat(input.rows()).containsExactly(List.of(1.0, "a"), List.of(2.5, "b"));
        });
        assertThat(split).hasValueSatisfying(input -> {
            assertThat(input.columns()).containsExactly("x", "s", "n");
            assertThat(input.rows()).containsExactly(List.of(1.0, "a", 7L));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[{\"x\": 1, \"s\": \"a\"}]",
        "{\"dataframe_records\": [{\"x\": 1, \"s\": \"a\"}], \"params\": {\"k\": 1}}",
        "{\"dataframe_records\": [{\"x\": 1, \"s\": \"a\"}], \"inputs\": []}",
        "{\"instances\": [{\"x\": 1, \"s\": \"a\"}]}",
        "{\"inputs\": {\"x\": [1], \"s\": [\"a\"]}}",
        "{\"dataframe_records\": []}",
        "{\"dataframe_records\": [{\"s\": \"a\"}]}",
        "{\"dataframe_records\": [{\"x\": null, \"s\": \"a\"}]}",
        "{\"dataframe_records\": [{\"x\": \"1\", \"s\": \"a\"}]}",
        "{\"dataframe_records\": [{\"x\": true, \"s\": \"a\"}]}",
        "{\"dataframe_records\": [{\"x\": 1, \"s\": 5}]}",
        "{\"dataframe_records\": [{\"x\": 1, \"s\": \"a\", \"n\": 1.5}]}",
        "{\"dataframe_records\": [{\"x\": 1, \"s\": \"a\", \"n\": 1}, {\"x\": 2, \"s\": \"b\"}]}",
        "{\"dataframe_records\": [{\"x\": 1, \"s\": \"a\", \"n\": 123456789012345678901234567890}]}",
        "{\"dataframe_records\": [[1, \"a\"]]}",
        "{\"dataframe_split\": {\"columns\": [\"x\", \"s\"], \"data\": [[1, \"a\"]], \"index\": [4]}}",
        "{\"dataframe_split\": {\"columns\": [\"x\", \"x\", \"s\"], \"data\": [[1, 2, \"a\"]]}}",
        "{\"dataframe_split\": {\"columns\": [\"x\", \"s\"], \"data\": [[1]]}}",
        "{\"dataframe_split\": {\"data\": [[1, \"a\"]]}}",
    })
    void leavesEverythingElseToMlflow(String body) throws Exception {
        assertThat(read(body)).isEmpty();
    }

    @Test
    void leavesSchemasWithoutNamesOrWithOtherTypesToMlflow() throws Exception {
        String body = "{\"dataframe_records\": [{\"x\": 1}]}";

        assertThat(PlainRequestReader.read(JSON.readTree(body), InputSchema.parse("[{\"type\": \"double\"}]")))
                .isEmpty();
        assertThat(PlainRequestReader.read(JSON.readTree(body),
                InputSchema.parse("[{\"type\": \"datetime\", \"name\": \"x\"}]"))).isEmpty();
    }

    @Test
    void aFloatColumnGetsTheFloatNearestTheDouble() throws Exception {
        InputSchema floats = InputSchema.parse("[{\"type\": \"float\", \"name\": \"f\"}]");

        assertThat(PlainRequestReader.read(JSON.readTree("{\"dataframe_records\": [{\"f\": 0.1}]}"), floats))
                .hasValueSatisfying(input -> assertThat(input.rows().get(0)).containsExactly(0.1f));
    }

    private static Optional<ModelInput> read(String body) throws Exception {
        return PlainRequestReader.read(JSON.readTree(body), SCHEMA);
    }
}
