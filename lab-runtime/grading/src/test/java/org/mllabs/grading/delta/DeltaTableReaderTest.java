package org.mllabs.grading.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.testing.SparkExtension;

/**
 * A table written by Spark Delta through five versions, read back with the Kernel: versions, time travel, schema,
 * properties, history and rows, each compared with what Spark wrote or reads.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeltaTableReaderTest {

    private Path directory;
    private Path table;
    private SparkSession spark;
    private DeltaTableReader reader;

    @BeforeAll
    void writeVersions(SparkSession session, @TempDir Path temporary) {
        spark = session;
        directory = temporary;
        table = directory.resolve("customers");
        String path = table.toString();
        // version 0: three rows, one city missing
        spark.sql("SELECT * FROM VALUES (1, 'Lyon', 10.5D), (2, CAST(NULL AS STRING), 20.0D), (3, 'Oslo', 30.25D)"
                + " AS t(id, city, spend)").write().format("delta").save(path);
        // version 1: an append
        spark.sql("SELECT 4 AS id, 'Rome' AS city, 40.0D AS spend").write().format("delta").mode("append").save(path);
        // version 2: an update fills the missing city
        spark.sql("UPDATE delta.`" + path + "` SET city = 'unknown' WHERE city IS NULL");
        // a wrong schema is refused and makes no version
        assertThatThrownBy(() -> spark.sql("SELECT 'five' AS id, 1 AS extra").write().format("delta")
                .mode("append").save(path)).isInstanceOf(AnalysisException.class);
        // version 3: schema evolution adds a column
        spark.sql("SELECT 5 AS id, 'Kyiv' AS city, 50.0D AS spend, true AS loyal").write().format("delta")
                .mode("append").option("mergeSchema", "true").save(path);
        // version 4: a delete; version 5: a table property
        spark.sql("DELETE FROM delta.`" + path + "` WHERE id = 1");
        spark.sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES ('mllabs.purpose' = 'test')");
        reader = DeltaTableReader.open(table);
    }

    @Test
    void findsTheLatestVersionAndItsProperties() {
        assertThat(reader.exists()).isTrue();
        assertThat(reader.latestVersion()).isEqualTo(5);
        assertThat(reader.latest().properties()).containsEntry("mllabs.purpose", "test");
        assertThat(reader.hasVersion(5)).isTrue();
        assertThat(reader.hasVersion(6)).isFalse();
        assertThat(DeltaTableReader.open(directory.resolve("absent")).exists()).isFalse();
    }

    @Test
    void readsTheSchemaOfEachVersion() {
        assertThat(reader.atVersion(2).columns()).extracting(DeltaColumn::name, DeltaColumn::type)
                .containsExactly(tuple("id", "integer"),
                        tuple("city", "string"),
                        tuple("spend", "double"));
        assertThat(reader.latest().columnNames()).containsExactly("id", "city", "spend", "loyal");
    }

    @Test
    void readsTheRowsSparkReadsAtEveryVersion() {
        for (long version = 0; version <= reader.latestVersion(); version++) {
            Dataset<Row> expected = spark.read().format("delta").option("versionAsOf", version)
                    .load(table.toString());
            List<Map<String, Object>> rows = sortedById(reader.atVersion(version).rows());
            List<Row> sparkRows = expected.orderBy("id").collectAsList();
            assertThat(rows).hasSize(sparkRows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i).get("id")).isEqualTo(sparkRows.get(i).getAs("id"));
                assertThat(rows.get(i).get("city")).isEqualTo(sparkRows.get(i).getAs("city"));
                assertThat(rows.get(i).get("spend")).isEqualTo(sparkRows.get(i).getAs("spend"));
            }
        }
    }

    @Test
    void convertsValuesToPlainJavaTypes() {
        List<Map<String, Object>> rows = sortedById(reader.atVersion(0).rows());
        assertThat(rows.get(0)).containsEntry("id", 1).containsEntry("city", "Lyon");
        assertThat(rows.get(0)).containsEntry("spend", 10.5);
        assertThat(rows.get(1)).containsEntry("city", null);
        Map<String, Object> evolved = sortedById(reader.atVersion(3).rows()).get(4);
        assertThat(evolved).containsEntry("id", 5).containsEntry("loyal", true);
        assertThat(sortedById(reader.atVersion(3).rows()).get(0)).containsEntry("loyal", null);
    }

    @Test
    void travelsByTimestampToTheVersionCurrentThen() {
        for (long version = 0; version <= reader.latestVersion(); version++) {
            DeltaSnapshot snapshot = reader.atVersion(version);
            assertThat(reader.atTimestamp(snapshot.timestamp()).version()).isEqualTo(version);
        }
    }

    @Test
    void readsTheHistoryWithOperationsAndParameters() {
        List<DeltaCommit> history = reader.history();
        assertThat(history).extracting(DeltaCommit::version).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(history).extracting(DeltaCommit::operation)
                .containsExactly("WRITE", "WRITE", "UPDATE", "WRITE", "DELETE", "SET TBLPROPERTIES");
        assertThat(history.get(0).parameter("mode")).isEqualTo("ErrorIfExists");
        assertThat(history.get(1).parameter("mode")).isEqualTo("Append");
        assertThat(history.get(1).metric("numOutputRows")).isEqualTo(1);
        assertThat(history.get(2).metric("numUpdatedRows")).isEqualTo(1);
        assertThat(history).extracting(DeltaCommit::changesMetadata)
                .containsExactly(true, false, false, true, false, true);
        assertThat(history.get(3).metric("missing")).isEqualTo(-1);
        assertThat(history.get(1).timestamp()).isAfterOrEqualTo(history.get(0).timestamp());
    }

    private static List<Map<String, Object>> sortedById(List<Map<String, Object>> rows) {
        return rows.stream().sorted(Comparator.comparingInt(row -> (Integer) row.get("id"))).toList();
    }
}
