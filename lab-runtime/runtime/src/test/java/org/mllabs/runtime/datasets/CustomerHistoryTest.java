package org.mllabs.runtime.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mllabs.runtime.testing.SparkExtension;

/** The customers' history is the committed file's customers, changed over time as documented, row for row. */
@ExtendWith(SparkExtension.class)
class CustomerHistoryTest {

    private static final CustomerHistory HISTORY = CustomerHistory.generate();
    private static Map<String, Map<String, String>> file;

    @BeforeAll
    static void readTheCommittedFile() throws IOException {
        CsvFile csv = CsvFile.read(LabDatasets.locate().file(LabDataset.CUSTOMER_CHURN));
        file = new LinkedHashMap<>();
        for (String[] cells : csv.rows()) {
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < cells.length; i++) {
                row.put(csv.header().get(i), cells[i].isEmpty() ? null : cells[i]);
            }
            file.put(row.get("customer_id"), row);
        }
    }

    @Test
    void januaryIsEveryCustomerAsTheFileHoldsItAndFebruaryAMonthLaterWithACallMoreForEveryThird() {
        List<Map<String, Object>> snapshots = HISTORY.snapshots().rows();

        assertThat(snapshots).hasSize(2 * file.size());
        for (Map<String, Object> row : snapshots) {
            Map<String, String> customer = file.get((String) row.get("customer_id"));
            boolean february = row.get("snapshot_time").equals(CustomerHistory.FEBRUARY);
            assertThat(february || row.get("snapshot_time").equals(CustomerHistory.JANUARY)).isTrue();
            int extraCalls = february && number(customer) % 3 == 0 ? 1 : 0;
            assertThat(row.get("tenure_months")).isEqualTo(plus(customer.get("tenure_months"), february ? 1 : 0));
            assertThat(row.get("support_calls")).isEqualTo(calls(customer.get("support_calls"), extraCalls));
            assertThat(row.get("monthly_charges")).isEqualTo(charges(customer, "1"));
            assertThat(row.get("contract")).isEqualTo(customer.get("contract"));
        }
        assertThat(snapshots.stream().filter(row -> row.get("monthly_charges") == null)).isNotEmpty();
    }

    @Test
    void theMarchUpdateIsEverySecondCustomerTwoMonthsOlderWithTwoMoreCallsAndChargesUpFivePercent() {
        List<Map<String, Object>> update = HISTORY.marchUpdate().rows();

        assertThat(keys(update)).isEqualTo(file.keySet().stream()
                .filter(key -> number(file.get(key)) % 2 == 0).collect(Collectors.toSet()));
        for (Map<String, Object> row : update) {
            Map<String, String> customer = file.get((String) row.get("customer_id"));
            assertThat(row.get("snapshot_time")).isEqualTo(CustomerHistory.MARCH);
            assertThat(row.get("tenure_months")).isEqualTo(plus(customer.get("tenure_months"), 2));
            assertThat(row.get("support_calls")).isEqualTo(calls(customer.get("support_calls"), 2));
            assertThat(row.get("monthly_charges")).isEqualTo(charges(customer, "1.05"));
        }
    }

    @Test
    void everyCustomerHasItsLabelObservedBeforeAnySnapshotForEveryTenthAndAtOneOfThreeLaterTimesOtherwise() {
        List<Map<String, Object>> labels = HISTORY.labels().rows();

        assertThat(keys(labels)).isEqualTo(file.keySet());
        for (Map<String, Object> row : labels) {
            Map<String, String> customer = file.get((String) row.get("customer_id"));
            assertThat(row.get("churned")).isEqualTo(Long.valueOf(customer.get("churned")));
            Instant observed = (Instant) row.get("label_time");
            assertThat(observed.isBefore(CustomerHistory.JANUARY)).isEqualTo(number(customer) % 10 == 0);
        }
        assertThat(labels.stream().map(row -> row.get("label_time")).collect(Collectors.toSet()))
                .contains(CustomerHistory.FEBRUARY).hasSize(4);
    }

    @Test
    void theKeysToScoreAreEveryFifthCustomerAtTheScoreTime() {
        List<Map<String, Object>> keys = HISTORY.keysToScore().rows();

        assertThat(keys(keys)).isEqualTo(file.keySet().stream()
                .filter(key -> number(file.get(key)) % CustomerHistory.SCORED_EVERY == 0).collect(Collectors.toSet()));
        assertThat(keys).allSatisfy(row -> assertThat(row.get("score_time")).isEqualTo(CustomerHistory.SCORE_TIME));
    }

    @Test
    void asASparkDatasetTheRowsKeepTheirValuesAndTypes(SparkSession spark) {
        GeneratedTable snapshots = HISTORY.snapshots();

        Dataset<Row> dataset = snapshots.toDataset(spark);

        assertThat(dataset.schema()).isEqualTo(snapshots.schema());
        List<Map<String, Object>> collected = dataset.collectAsList().stream().map(row -> {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String column : row.schema().fieldNames()) {
                Object value = row.getAs(column);
                values.put(column, value instanceof Timestamp timestamp ? timestamp.toInstant() : value);
            }
            return values;
        }).toList();
        assertThat(collected).containsExactlyInAnyOrderElementsOf(snapshots.rows());
    }

    private static Set<Object> keys(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> row.get("customer_id")).collect(Collectors.toSet());
    }

    private static int number(Map<String, String> customer) {
        return Integer.parseInt(customer.get("customer_id").replaceAll("\\D", ""));
    }

    private static Long plus(String cell, int more) {
        return cell == null ? null : Long.parseLong(cell) + more;
    }

    /** Support calls are a double, as pandas reads a whole-number column with missing cells. */
    private static Double calls(String cell, int more) {
        return cell == null ? null : Double.valueOf(Long.parseLong(cell) + more);
    }

    private static Double charges(Map<String, String> customer, String factor) {
        String cell = customer.get("monthly_charges");
        return cell == null ? null
                : new BigDecimal(cell).multiply(new BigDecimal(factor)).setScale(2, RoundingMode.HALF_UP)
                        .doubleValue();
    }
}
