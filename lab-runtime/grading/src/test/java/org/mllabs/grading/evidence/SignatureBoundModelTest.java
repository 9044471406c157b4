package org.mllabs.grading.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mllabs.runtime.testing.SparkExtension;

@ExtendWith(SparkExtension.class)
class SignatureBoundModelTest {

    private static final LoggedSignature SIGNATURE_OF_X = new LoggedSignature(
            List.of(new LoggedSignature.Column("x", "double")),
            List.of(new LoggedSignature.Column("prediction", "double")));

    private Dataset<Row> rows;

    /** A key, one feature x that predicts the label with noise, and the label. */
    @BeforeEach
    void rows(SparkSession spark) {
        Random random = new Random(5);
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double x = random.nextGaussian();
            list.add(RowFactory.create("k" + i, x, x + random.nextGaussian() > 0 ? 1.0 : 0.0));
        }
        rows = spark.createDataFrame(list, new StructType().add("key", DataTypes.StringType)
                .add("x", DataTypes.DoubleType).add("label", DataTypes.DoubleType));
    }

    @Test
    void anHonestModelScoresAndTheRowsKeepEveryColumn() {
        SignatureBoundModel model = SignatureBoundModel.of(fit("x"), Optional.of(SIGNATURE_OF_X), "runs:/r/model");

        Dataset<Row> scored = model.transform(rows);

        assertThat(scored.columns()).contains("key", "x", "label", "prediction", "rawPrediction")
                .noneMatch(column -> column.startsWith(SignatureBoundModel.HELD_BACK_PREFIX));
        assertThat(scored.count()).isEqualTo(400);
        assertThat(scored.filter("key = 'k7'").select("label").first().getDouble(0))
                .isEqualTo(rows.filter("key = 'k7'").select("label").first().getDouble(0));
        assertThat(HeldOutAuc.of(model, rows, "label")).isBetween(0.6, 0.95);
    }

    @Test
    void aModelThatReadsTheLabelCannotScoreAndTheMessageSaysWhatItWasGiven() {
        SignatureBoundModel model = SignatureBoundModel.of(fit("x", "label"), Optional.of(SIGNATURE_OF_X),
                "runs:/r/model");

        assertThatThrownBy(() -> model.transform(rows)).isInstanceOf(UnscorableModelException.class)
                .hasMessageContaining("runs:/r/model cannot predict rows that carry only its signature's inputs [x]")
                .hasMessageContaining("label");
        assertThatThrownBy(() -> HeldOutAuc.of(model, rows, "label")).isInstanceOf(UnscorableModelException.class);
    }

    @Test
    void theLabelIsHeldBackEvenWhenTheSignatureOrNoSignatureHandsItOver() {
        LoggedSignature withLabel = new LoggedSignature(List.of(new LoggedSignature.Column("x", "double"),
                new LoggedSignature.Column("label", "double")), SIGNATURE_OF_X.outputs());
        PipelineModel cheat = fit("x", "label");

        assertThat(SignatureBoundModel.of(cheat, Optional.of(withLabel), "m").transform(rows).count()).isEqualTo(400);
        assertThatThrownBy(() -> HeldOutAuc.of(SignatureBoundModel.of(cheat, Optional.of(withLabel), "m"), rows,
                "label")).isInstanceOf(UnscorableModelException.class);
        assertThatThrownBy(() -> HeldOutAuc.of(cheat, rows, "label")).isInstanceOf(UnscorableModelException.class);
    }

    /**
     * Stages that read the column carrying the labels past the model, by the name it had always been given or through
     * every column the stage is handed, cannot score.
     */
    @Test
    void aStageThatReadsTheHeldBackColumnCannotScore() {
        for (String statement : List.of(
                "SELECT *, __mllabs_held_back.label AS rawPrediction FROM __THIS__",
                "SELECT *, CAST(regexp_extract(to_json(struct(*)), 'label.:([0-9.]+)', 1) AS DOUBLE) "
                        + "AS rawPrediction FROM __THIS__")) {
            SQLTransformer cheat = new SQLTransformer().setStatement(statement);

            assertThatThrownBy(() -> HeldOutAuc.of(cheat, rows, "label")).as(statement)
                    .isInstanceOf(UnscorableModelException.class);
        }
    }

    @Test
    void aFailureOfTheEnvironmentIsNotTheModels() {
        UncheckedIOException gone = new UncheckedIOException(new IOException("No space left on device"));

        assertThatThrownBy(() -> SignatureBoundModel.score(new Failing(gone), rows, List.of("label"))).isSameAs(gone);
    }

    @Test
    void aSignatureThatNamesAColumnTheDataLacksIsReported() {
        LoggedSignature other = new LoggedSignature(List.of(new LoggedSignature.Column("z", "double")),
                SIGNATURE_OF_X.outputs());

        assertThatThrownBy(() -> SignatureBoundModel.of(fit("x"), Optional.of(other), "m").transform(rows))
                .isInstanceOf(UnscorableModelException.class).hasMessageContaining("[z]");
    }

    @Test
    void theStagesAreTheModelsOwn() {
        PipelineModel model = fit("x");

        assertThat(SignatureBoundModel.of(model, Optional.empty(), "m").stages()).containsExactly(model.stages());
    }

    private PipelineModel fit(String... features) {
        return new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(features).setOutputCol("features"),
            new LogisticRegression().setMaxIter(10)
        }).fit(rows);
    }

    /** A transformer that fails as the environment can, whatever it is given. */
    private static final class Failing extends Transformer {

        private static final long serialVersionUID = 1L;

        private final RuntimeException failure;

        Failing(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public String uid() {
            return "failing";
        }

        @Override
        public Dataset<Row> transform(Dataset<?> dataset) {
            throw failure;
        }

        @Override
        public StructType transformSchema(StructType schema) {
            return schema;
        }

        @Override
        public Transformer copy(ParamMap extra) {
            return this;
        }
    }
}
