package org.mllabs.runtime.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A column by key is what the committed file holds in that column, row for row, with missing cells left out. */
class DatasetValuesTest {

    @Test
    void theLabelOfEveryRowIsTheFilesByItsKey() throws IOException {
        CsvFile file = CsvFile.read(LabDatasets.locate().file(LabDataset.CUSTOMER_CHURN));
        List<String> keys = file.column("customer_id");
        List<String> labels = file.column("churned");

        Map<String, String> churned = DatasetValues.byKey(LabDataset.CUSTOMER_CHURN, "churned");

        assertThat(churned.keySet()).containsExactlyElementsOf(keys);
        for (int i = 0; i < keys.size(); i++) {
            assertThat(churned.get(keys.get(i))).as(keys.get(i)).isEqualTo(labels.get(i));
        }
    }

    @Test
    void rowsWhoseCellIsMissingAreLeftOut() throws IOException {
        CsvFile file = CsvFile.read(LabDatasets.locate().file(LabDataset.HOUSE_PRICES));
        List<String> keys = file.column("house_id");
        List<String> years = file.column("year_built");

        Map<String, String> yearBuilt = DatasetValues.byKey(LabDataset.HOUSE_PRICES, "year_built");

        List<String> missing = IntStream.range(0, keys.size()).filter(i -> years.get(i).isEmpty())
                .mapToObj(keys::get).toList();
        assertThat(missing).isNotEmpty();
        assertThat(yearBuilt).hasSize(keys.size() - missing.size()).doesNotContainKeys(missing.toArray(String[]::new));
    }

    @Test
    void everyRowIsTheFilesRowWithMissingCellsAsNull() throws IOException {
        CsvFile file = CsvFile.read(LabDatasets.locate().file(LabDataset.HOUSE_PRICES));

        List<Map<String, String>> rows = DatasetValues.rows(LabDataset.HOUSE_PRICES);

        assertThat(rows).hasSize(file.rows().size());
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = file.rows().get(i);
            for (int column = 0; column < cells.length; column++) {
                assertThat(rows.get(i).get(file.header().get(column))).as("row %d, %s", i, file.header().get(column))
                        .isEqualTo(cells[column].isEmpty() ? null : cells[column]);
            }
        }
        assertThat(rows.stream().filter(row -> row.get("year_built") == null)).isNotEmpty();
    }

    @Test
    void anUnknownColumnIsRefusedWithTheDatasetsColumns() {
        assertThatThrownBy(() -> DatasetValues.byKey(LabDataset.CUSTOMER_CHURN, "churn"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column 'churn'")
                .hasMessageContaining("churned");
    }
}
