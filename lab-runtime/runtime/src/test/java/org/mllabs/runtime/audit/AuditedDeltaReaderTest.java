package org.mllabs.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.testing.SparkExtension;

/** A time-travel read through the runtime is recorded with the version it resolved to. */
@ExtendWith(SparkExtension.class)
class AuditedDeltaReaderTest {

    private final List<TimeTravelRead> written = new ArrayList<>();
    private SparkSession spark;
    private AuditedDeltaReader reader;
    private String path;

    @BeforeEach
    void setUp(SparkSession spark, @TempDir Path root) {
        this.spark = spark;
        this.reader = new AuditedDeltaReader(() -> spark, new ReadAudit(written::add, line -> { }));
        this.path = root.resolve("table").toString();
        spark.sql("SELECT 1 AS id").write().format("delta").save(path);
        spark.sql("SELECT 2 AS id UNION ALL SELECT 3 AS id").write().format("delta").mode("append").save(path);
        spark.sql("SELECT 4 AS id").write().format("delta").mode("append").save(path);
    }

    @Test
    void aReadByVersionReturnsThatVersionAndRecordsIt() {
        assertThat(reader.versionAsOf(path, 0).count()).isEqualTo(1);

        assertThat(written).singleElement().satisfies(read -> {
            assertThat(read.target()).isEqualTo(path);
            assertThat(read.option()).isEqualTo(AuditedDeltaReader.VERSION_AS_OF);
            assertThat(read.requested()).isEqualTo("0");
            assertThat(read.version()).isZero();
        });
    }

    @Test
    void aReadByTimestampRecordsTheVersionDeltaResolvedItTo() {
        Timestamp appended = DeltaTable.forPath(spark, path).history().where("version = 1").first()
                .getAs("timestamp");

        assertThat(reader.timestampAsOf(path, appended.toString()).count()).isEqualTo(3);

        assertThat(written).singleElement().satisfies(read -> {
            assertThat(read.option()).isEqualTo(AuditedDeltaReader.TIMESTAMP_AS_OF);
            assertThat(read.requested()).isEqualTo(appended.toString());
            assertThat(read.version()).isEqualTo(1);
        });
    }

    @Test
    void anEntryReadsBackFromItsJson() {
        reader.versionAsOf(path, 1);

        assertThat(TimeTravelRead.fromJson(written.get(0).toJson())).contains(written.get(0));
        assertThat(TimeTravelRead.fromJson("{\"target\": \"x\"}")).isEmpty();
    }
}
