package org.mllabs.runtime.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The committed data has what the READMEs promise: missing rates, unique keys, a year of time, balanced labels. */
class DatasetContentTest {

    private final LabDatasets datasets = LabDatasets.locate();

    @ParameterizedTest
    @EnumSource(LabDataset.class)
    void missingValuesAreAsDocumented(LabDataset dataset) throws IOException {
        CsvFile csv = CsvFile.read(datasets.file(dataset));
        DatasetDescription yaml = DatasetDescription.read(datasets.file(dataset).resolveSibling("dataset.yaml"));

        for (DatasetDescription.Column column : yaml.columns()) {
            List<String> cells = csv.column(column.name());
            double missingPercent = 100.0 * cells.stream().filter(String::isEmpty).count() / cells.size();
            assertThat(missingPercent).as("missing %% of %s.%s", dataset.datasetName(), column.name())
                    .isCloseTo(column.missingPercent(), within(column.missingPercent() == 0 ? 0 : 1.0));
        }
    }

    @ParameterizedTest
    @EnumSource(LabDataset.class)
    void keysAreUniqueAndTimesSpanTheYearInOrder(LabDataset dataset) throws IOException {
        CsvFile csv = CsvFile.read(datasets.file(dataset));

        assertThat(new HashSet<>(csv.column(dataset.keyColumn()))).hasSize(csv.rows().size());
        List<Instant> times = csv.column(dataset.timestampColumn()).stream().map(Instant::parse).toList();
        assertThat(times).isSorted();
        assertThat(times.get(0))
                .isBetween(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-08T00:00:00Z"));
        assertThat(times.get(times.size() - 1))
                .isBetween(Instant.parse("2024-12-24T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void aboutThirtyPercentOfCustomersChurnAndMonthToMonthMost() throws IOException {
        CsvFile churn = CsvFile.read(datasets.file(LabDataset.CUSTOMER_CHURN));

        assertThat(churn.mean("churned")).isBetween(0.25, 0.35);
        assertThat(churnRate(churn, "month-to-month")).isGreaterThan(churnRate(churn, "one-year"));
        assertThat(churnRate(churn, "one-year")).isGreaterThan(churnRate(churn, "two-year"));
    }

    @Test
    void pricesArePositiveAndSkewedRight() throws IOException {
        CsvFile houses = CsvFile.read(datasets.file(LabDataset.HOUSE_PRICES));
        List<Double> prices = houses.column("price").stream().map(Double::parseDouble).sorted().toList();

        assertThat(prices.get(0)).isGreaterThanOrEqualTo(40);
        assertThat(houses.mean("price")).isBetween(350.0, 550.0).isGreaterThan(prices.get(prices.size() / 2));
    }

    @Test
    void theDriftedChurnBatchHasHigherChargesAndMoreMonthToMonthContracts() {
        ChurnDatasetGenerator generator = new ChurnDatasetGenerator();
        CsvFile main = CsvFile.parse(generator.csv(Batch.MAIN));
        CsvFile drifted = CsvFile.parse(generator.csv(Batch.DRIFTED));

        assertThat(drifted.mean("monthly_charges")).isGreaterThan(main.mean("monthly_charges") + 8);
        assertThat(drifted.mean("support_calls")).isGreaterThan(main.mean("support_calls") + 0.4);
        assertThat(share(drifted.column("contract"), "month-to-month"))
                .isGreaterThan(share(main.column("contract"), "month-to-month") + 0.1);
    }

    @Test
    void theDriftedHouseBatchHasBiggerDearerHousesFartherOut() {
        HousePriceDatasetGenerator generator = new HousePriceDatasetGenerator();
        CsvFile main = CsvFile.parse(generator.csv(Batch.MAIN));
        CsvFile drifted = CsvFile.parse(generator.csv(Batch.DRIFTED));

        assertThat(drifted.mean("living_area_sqm")).isGreaterThan(main.mean("living_area_sqm") * 1.05);
        assertThat(drifted.mean("distance_to_center_km")).isGreaterThan(main.mean("distance_to_center_km"));
        assertThat(drifted.mean("price")).isGreaterThan(main.mean("price"));
    }

    private static double churnRate(CsvFile churn, String contract) {
        List<String> contracts = churn.column("contract");
        List<String> labels = churn.column("churned");
        return IntStream.range(0, contracts.size()).filter(i -> contracts.get(i).equals(contract))
                .mapToDouble(i -> Double.parseDouble(labels.get(i))).average().orElseThrow();
    }

    private static double share(List<String> cells, String value) {
        return (double) cells.stream().filter(value::equals).count() / cells.size();
    }
}
