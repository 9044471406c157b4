package org.mllabs.runtime.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mllabs.runtime.testing.SparkExtension;

/** {@link LabDatasets#load} reads the committed files with their schema and refuses a file that does not match. */
@ExtendWith(SparkExtension.class)
class DatasetLoadingTest {

    private final LabDatasets datasets = LabDatasets.locate();

    @ParameterizedTest
    @EnumSource(LabDataset.class)
    void loadsEveryRowWithTheSchemaAndEmptyCellsAsNull(LabDataset dataset, SparkSession spark) throws IOException {
        CsvFile csv = CsvFile.read(datasets.file(dataset));

        Dataset<Row> loaded = datasets.load(spark, dataset);

        assertThat(loaded.schema()).isEqualTo(dataset.schema());
        assertThat(loaded.count()).isEqualTo(csv.rows().size());
        for (String column : dataset.columnNames()) {
            long empty = csv.column(column).stream().filter(String::isEmpty).count();
            assertThat(loaded.filter(loaded.col(column).isNull()).count()).as(column).isEqualTo(empty);
        }
    }

    @Test
    void aFolderWithASpaceInItsNameIsRead(SparkSession spark, @TempDir Path folder) throws IOException {
        Path datasetsFolder = folder.resolve("Bob Smith/datasets");
        Path copy = datasetsFolder.resolve(datasets.file(LabDataset.CUSTOMER_CHURN).getParent().getFileName());
        Files.createDirectories(copy);
        Files.copy(datasets.file(LabDataset.CUSTOMER_CHURN),
                copy.resolve(datasets.file(LabDataset.CUSTOMER_CHURN).getFileName()));

        Dataset<Row> loaded = new LabDatasets(datasetsFolder).load(spark, LabDataset.CUSTOMER_CHURN);

        assertThat(loaded.count()).isEqualTo(CsvFile.read(datasets.file(LabDataset.CUSTOMER_CHURN)).rows().size());
    }

    @Test
    void timestampsAreTheInstantsInTheFile(SparkSession spark) throws IOException {
        CsvFile csv = CsvFile.read(datasets.file(LabDataset.CUSTOMER_CHURN));

        Row first = datasets.load(spark, LabDataset.CUSTOMER_CHURN).orderBy("event_time").first();

        assertThat(((Timestamp) first.getAs("event_time")).toInstant())
                .isEqualTo(Instant.parse(csv.column("event_time").get(0)));
    }

    static Stream<Arguments> wrongHeaders() {
        return Stream.of(
                Arguments.of("a renamed column", (UnaryOperator<String>) header ->
                        header.replace("monthly_charges", "monthly_charge"), "no column 'monthly_charges'"),
                Arguments.of("swapped columns", (UnaryOperator<String>) header ->
                        header.replace("tenure_months,monthly_charges", "monthly_charges,tenure_months"),
                        "'monthly_charges' as column 5 where 'tenure_months' is expected"),
                Arguments.of("an extra column", (UnaryOperator<String>) header -> header + ",notes",
                        "unexpected column 'notes'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongHeaders")
    void aWrongHeaderIsRefusedNamingTheFileAndTheColumn(String change, UnaryOperator<String> header, String message,
            SparkSession spark, @TempDir Path folder) throws IOException {
        String text = Files.readString(datasets.file(LabDataset.CUSTOMER_CHURN));
        int endOfHeader = text.indexOf('\n');
        Path file = new LabDatasets(folder).file(LabDataset.CUSTOMER_CHURN);
        Files.createDirectories(file.getParent());
        Files.writeString(file, header.apply(text.substring(0, endOfHeader)) + text.substring(endOfHeader));

        assertThatThrownBy(() -> new LabDatasets(folder).load(spark, LabDataset.CUSTOMER_CHURN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(message);
    }

    @Test
    void aMissingFileIsNamed(SparkSession spark, @TempDir Path folder) {
        assertThatThrownBy(() -> new LabDatasets(folder).load(spark, LabDataset.HOUSE_PRICES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No dataset file at " + folder.resolve("house_prices/house_prices.csv"));
    }
}
