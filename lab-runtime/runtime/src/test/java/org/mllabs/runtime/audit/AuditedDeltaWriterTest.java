package org.mllabs.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.testing.SparkExtension;

/** Delta's schema enforcement refuses an append; the runtime records the refusal with the table's version. */
@ExtendWith(SparkExtension.class)
class AuditedDeltaWriterTest {

    private final List<RefusedOperation> written = new ArrayList<>();
    private final AuditedDeltaWriter delta = new AuditedDeltaWriter(new RefusalAudit(written::add, line -> { }));
    private SparkSession spark;
    private String path;

    @BeforeEach
    void setUp(SparkSession spark, @TempDir Path root) {
        this.spark = spark;
        this.path = root.resolve("table").toString();
        spark.sql("SELECT 1 AS id, 2.5 AS amount").write().format("delta").save(path);
    }

    @Test
    void aMisnamedColumnIsRefusedAndRecordedAgainstTheVersionItWasCheckedAgainst() {
        Dataset<Row> misnamed = spark.sql("SELECT 2 AS id, 3.5 AS amounts");

        assertThatThrownBy(() -> delta.append(misnamed, path))
                .isInstanceOf(RefusedOperationException.class)
                .hasCauseInstanceOf(AnalysisException.class);

        assertThat(written).singleElement().satisfies(refusal -> {
            assertThat(refusal.operation()).isEqualTo(AuditedDeltaWriter.APPEND);
            assertThat(refusal.target()).isEqualTo(path);
            assertThat(refusal.details()).containsEntry(AuditedDeltaWriter.TABLE_VERSION, "0")
                    .containsEntry(AuditedDeltaWriter.COLUMNS, "id,amounts")
                    .containsEntry(AuditedDeltaWriter.OPTIONS, "")
                    .containsEntry(AuditedDeltaWriter.CONDITION, "DELTA_METADATA_MISMATCH");
            assertThat(refusal.message()).contains("amounts");
        });
        assertThat(DeltaTable.forPath(spark, path).history().count()).isEqualTo(1);
    }

    @Test
    void anAcceptedAppendRecordsNothing() {
        delta.append(spark.sql("SELECT 2 AS id, 3.5 AS amount, 'x' AS note"), path, Map.of("mergeSchema", "true"));

        assertThat(written).isEmpty();
        assertThat(spark.read().format("delta").load(path).columns()).containsExactly("id", "amount", "note");
    }
}
