package org.mllabs.runtime.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed files are exactly what the documented generators and seeds produce. */
class DatasetRegenerationTest {

    static Stream<DatasetGenerator> generators() {
        return Stream.of(new ChurnDatasetGenerator(), new HousePriceDatasetGenerator());
    }

    @ParameterizedTest
    @MethodSource("generators")
    void regeneratingGivesTheCommittedBytes(DatasetGenerator generator) throws IOException {
        Path committed = LabDatasets.locate().file(generator.dataset());

        byte[] regenerated = generator.csv(Batch.MAIN).getBytes(StandardCharsets.UTF_8);

        assertThat(regenerated)
                .as("%s differs from what %s writes; regenerate it as datasets/README.md says", committed,
                        generator.getClass().getSimpleName())
                .isEqualTo(Files.readAllBytes(committed));
    }

    @ParameterizedTest
    @MethodSource("generators")
    void theDriftedBatchIsAnotherSampleOfTheSameColumns(DatasetGenerator generator) {
        CsvFile main = CsvFile.parse(generator.csv(Batch.MAIN));
        CsvFile drifted = CsvFile.parse(generator.csv(Batch.DRIFTED));

        assertThat(drifted.header()).isEqualTo(main.header());
        assertThat(drifted.rows()).hasSize(generator.plan(Batch.DRIFTED).rows());
        String key = generator.dataset().keyColumn();
        assertThat(drifted.column(key)).doesNotContainAnyElementsOf(main.column(key));
    }

    @Test
    void theCommandWritesTheRequestedBatchIntoTheFolder(@TempDir Path folder) throws IOException {
        ChurnDatasetGenerator.main(new String[] {"--drift", folder.toString()});

        Path written = folder.resolve("customer_churn").resolve("customer_churn-drifted.csv");
        assertThat(Files.readString(written)).isEqualTo(new ChurnDatasetGenerator().csv(Batch.DRIFTED));
    }
}
