package org.mllabs.runtime.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each dataset's {@code dataset.yaml} and {@code README.md} agree with the Java description and the CSV file. */
class DatasetDescriptionTest {

    private static final Map<LabDataset, Class<?>> GENERATORS = Map.of(
            LabDataset.CUSTOMER_CHURN, ChurnDatasetGenerator.class,
            LabDataset.HOUSE_PRICES, HousePriceDatasetGenerator.class);
    private static final Map<LabDataset, Long> SEEDS = Map.of(
            LabDataset.CUSTOMER_CHURN, ChurnDatasetGenerator.SEED,
            LabDataset.HOUSE_PRICES, HousePriceDatasetGenerator.SEED);

    private final LabDatasets datasets = LabDatasets.locate();

    @ParameterizedTest
    @EnumSource(LabDataset.class)
    void theYamlDescribesTheDatasetAsJavaDoes(LabDataset dataset) throws IOException {
        DatasetDescription yaml = description(dataset);

        assertThat(yaml.name()).isEqualTo(dataset.datasetName());
        assertThat(yaml.file()).isEqualTo(dataset.fileName());
        assertThat(yaml.label()).isEqualTo(dataset.labelColumn());
        assertThat(yaml.problemType()).isEqualTo(dataset.problemType().yamlName());
        assertThat(yaml.keyColumn()).isEqualTo(dataset.keyColumn());
        assertThat(yaml.timestampColumn()).isEqualTo(dataset.timestampColumn());
        assertThat(yaml.generator()).isEqualTo(GENERATORS.get(dataset).getName());
        assertThat(yaml.seed()).isEqualTo(SEEDS.get(dataset));
        assertThat(yaml.columns()).extracting(c -> c.name() + ":" + c.type())
                .containsExactlyElementsOf(dataset.columns().stream()
                        .map(c -> c.name() + ":" + c.type().yamlName()).toList());
    }

    @ParameterizedTest
    @EnumSource(LabDataset.class)
    void theCsvHasTheDocumentedHeaderAndRowCount(LabDataset dataset) throws IOException {
        CsvFile csv = CsvFile.read(datasets.file(dataset));

        assertThat(csv.header()).containsExactlyElementsOf(dataset.columnNames());
        assertThat(csv.rows()).hasSize(description(dataset).rows())
                .allSatisfy(row -> assertThat(row).hasSize(dataset.columns().size()));
    }

    @ParameterizedTest
    @EnumSource(LabDataset.class)
    void theSparkSchemaHasEveryColumnWithItsType(LabDataset dataset) {
        assertThat(dataset.schema().fieldNames()).containsExactlyElementsOf(dataset.columnNames());
        assertThat(List.of(dataset.schema().fields())).extracting(f -> f.dataType())
                .containsExactlyElementsOf(dataset.columns().stream().map(c -> c.type().sparkType()).toList());
        assertThat(dataset.columnNames()).contains(dataset.labelColumn(), dataset.keyColumn(),
                dataset.timestampColumn());
        assertThat(dataset.columns()).filteredOn(c -> c.name().equals(dataset.timestampColumn()))
                .extracting(DatasetColumn::type).containsExactly(ColumnType.TIMESTAMP);
    }

    @ParameterizedTest
    @EnumSource(LabDataset.class)
    void theReadmeNamesTheGeneratorSeedAndEveryColumn(LabDataset dataset) throws IOException {
        String readme = Files.readString(folder(dataset).resolve("README.md"));

        assertThat(readme).contains(GENERATORS.get(dataset).getSimpleName(), String.valueOf(SEEDS.get(dataset)));
        dataset.columnNames().forEach(column -> assertThat(readme).contains("`" + column + "`"));
    }

    private DatasetDescription description(LabDataset dataset) throws IOException {
        return DatasetDescription.read(folder(dataset).resolve("dataset.yaml"));
    }

    private Path folder(LabDataset dataset) {
        return datasets.file(dataset).getParent();
    }
}
