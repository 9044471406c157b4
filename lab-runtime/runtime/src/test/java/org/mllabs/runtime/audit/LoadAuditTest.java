package org.mllabs.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.LocalFiles;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.model.SparkModelLogger;
import org.mllabs.runtime.model.SparkModels;
import org.mllabs.runtime.testing.SparkExtension;

/**
 * A model loaded through the audit's {@link SparkModels} is recorded with the URI asked for and the version it resolved
 * to; a load that fails is not. The registry is a loopback fake whose three versions serve one small model.
 */
@ExtendWith(SparkExtension.class)
class LoadAuditTest {

    private static final String NAME = "mllabs.ada.churn";

    private final List<ModelLoad> written = new ArrayList<>();
    private final LoadAudit audit = new LoadAudit(written::add, line -> { });
    private Path root;
    private Path model;
    private FakeModelRegistry registry;
    private LabMlflow mlflow;
    private SparkModels models;

    @BeforeEach
    void setUp(SparkSession spark, @TempDir Path root) throws IOException {
        this.root = root;
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {new VectorAssembler()
                .setInputCols(new String[] {"x"}).setOutputCol("features")}).fit(spark.sql("SELECT 1.0 AS x"));
        model = SparkModelLogger.save(fitted);
        Files.writeString(model.resolve("MLmodel"), "flavors:\n  spark:\n    model_data: sparkml\n");
        registry = new FakeModelRegistry(NAME, 3, model);
        registry.setAlias("Champion", 2);
        mlflow = LabMlflow.open(registry.uri(), Optional.empty());
        models = audit.models(mlflow, root.resolve("cache"));
    }

    @AfterEach
    void tearDown() {
        mlflow.close();
        registry.close();
        LocalFiles.deleteTree(model);
    }

    @Test
    void aLoadThroughAnAliasIsRecordedWithTheVersionItResolvedTo() {
        Instant before = Instant.now();

        PipelineModel loaded = models.load("models:/" + NAME + "@Champion");

        assertThat(loaded.stages()).hasSize(1);
        assertThat(written).singleElement().satisfies(load -> {
            assertThat(load.uri()).isEqualTo("models:/" + NAME + "@Champion");
            assertThat(load.name()).isEqualTo(NAME);
            assertThat(load.version()).isEqualTo("2");
            assertThat(load.source()).isEqualTo(FakeModelRegistry.source(2));
            assertThat(load.time()).isBetween(before, Instant.now());
        });
        assertThat(audit.recorded()).isEqualTo(written);
    }

    @Test
    void aPinnedVersionIsRecordedAsAskedForAndTheAliasFollowsWhereItMoves() {
        models.load("models:/" + NAME + "/1");
        registry.setAlias("Champion", 3);
        models.load("models:/" + NAME + "@Champion");

        assertThat(written).extracting(ModelLoad::uri, ModelLoad::version).containsExactly(
                tuple("models:/" + NAME + "/1", "1"), tuple("models:/" + NAME + "@Champion", "3"));
    }

    @Test
    void aLoadThatFailsIsNotRecorded() {
        assertThatThrownBy(() -> models.load("models:/" + NAME + "@Challenger")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> models.load("models:/" + NAME + "/4")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> models.load(NAME)).isInstanceOf(IllegalArgumentException.class);

        assertThat(written).isEmpty();
    }

    @Test
    void aLoadThroughTheLoaderOrAnotherSparkModelsIsNotRecorded() {
        models.loader().load("models:/" + NAME + "/1");
        new SparkModels(mlflow, root.resolve("other-cache")).load("models:/" + NAME + "/2");

        assertThat(written).isEmpty();
    }

    @Test
    void anEntryReadsBackFromItsJsonAndNothingElseDoes() {
        models.load("models:/" + NAME + "@Champion");

        assertThat(ModelLoad.fromJson(written.get(0).toJson())).contains(written.get(0));
        assertThat(ModelLoad.fromJson("models:/" + NAME + "@Champion")).isEmpty();
        assertThat(ModelLoad.fromJson("{\"uri\": \"models:/x@Champion\", \"version\": \"2\"}")).isEmpty();
    }
}
