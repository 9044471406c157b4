package org.mllabs.grading.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.feature.Interaction;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mllabs.grading.Problems;
import org.mllabs.runtime.testing.SparkExtension;

@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeatureSourcesTest {

    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType)
            .add("plan", DataTypes.StringType)
            .add("age", DataTypes.DoubleType)
            .add("label", DataTypes.DoubleType);
    private static final Set<String> ALLOWED = Set.of("plan", "age");

    private Dataset<Row> data;

    @BeforeAll
    void data(SparkSession spark) {
        data = spark.createDataFrame(List.of(
                RowFactory.create("1", "a", 30.0, 0.0), RowFactory.create("2", "b", 40.0, 1.0),
                RowFactory.create("3", "a", 50.0, 0.0), RowFactory.create("4", "b", 60.0, 1.0)), SCHEMA);
    }

    @Test
    void featuresOfTheAllowedColumnsAndWhatStagesMakeOfThemPass() {
        Problems problems = problemsOf(
                new SQLTransformer().setStatement("SELECT *, age * 2 AS double_age FROM __THIS__"),
                new StringIndexer().setInputCol("plan").setOutputCol("plan_index"),
                new VectorAssembler().setInputCols(new String[] {"age", "double_age", "plan_index"})
                        .setOutputCol("features"));

        assertThat(problems.isEmpty()).as(problems.lines().toString()).isTrue();
    }

    @Test
    void theLabelAmongTheFeaturesIsRefused() {
        Problems problems = problemsOf(
                new VectorAssembler().setInputCols(new String[] {"age", "label"}).setOutputCol("features"));

        assertThat(problems.lines().toString()).contains("the model's input features is computed from the label label "
                + "(features <- label, made by VectorAssembler(age, label -> features))");
    }

    @Test
    void aColumnDerivedFromTheLabelIsRefusedWhateverItsName() {
        Problems problems = problemsOf(
                new SQLTransformer().setStatement("SELECT *, label + age AS tenure FROM __THIS__"),
                new Interaction().setInputCols(new String[] {"tenure", "age"}).setOutputCol("tenure_x_age"),
                new VectorAssembler().setInputCols(new String[] {"age", "tenure_x_age"}).setOutputCol("features"));

        assertThat(problems.lines().toString())
                .contains("features <- tenure_x_age <- tenure <- label, made by SQLTransformer");
    }

    @Test
    void aColumnTheReadmeDoesNotAllowIsRefused() {
        Problems problems = problemsOf(new StringIndexer().setInputCol("id").setOutputCol("id_index"),
                new VectorAssembler().setInputCols(new String[] {"age", "id_index"}).setOutputCol("features"));

        assertThat(problems.lines().toString()).contains("is computed from [id], expected only columns among");
    }

    @Test
    void aStageTheGraderCannotTraceIsRefused() {
        Problems problems = problemsOf(
                new VectorAssembler().setInputCols(new String[] {"age"}).setOutputCol("age_vector"),
                new KMeans().setK(2).setSeed(1L).setFeaturesCol("age_vector").setPredictionCol("cluster"),
                new VectorAssembler().setInputCols(new String[] {"age", "cluster"}).setOutputCol("features"));

        assertThat(problems.lines().toString()).contains("cannot tell which columns KMeans (stage 2) reads and writes");
    }

    /** A last stage that reads nothing the classifier reads does not hide the label among the classifier's inputs. */
    @Test
    void theLabelAmongTheInputsOfAClassifierBeforeTheLastStageIsRefused() {
        PipelineStage[] stages = {
            new VectorAssembler().setInputCols(new String[] {"age", "label"}).setOutputCol("features"),
            new LogisticRegression().setLabelCol("label").setMaxIter(5),
            new SQLTransformer().setStatement("SELECT *, age * 2 AS double_age FROM __THIS__")
        };
        Problems problems = new Problems();
        FeatureSources.expectFrom(PipelineStages.of(new Pipeline().setStages(stages).fit(data), SCHEMA), "label",
                ALLOWED, problems);

        assertThat(problems.lines().toString()).contains("the input features of LogisticRegression (stage 2) is "
                + "computed from the label label (features <- label, made by VectorAssembler(age, label -> features))");
    }

    private Problems problemsOf(PipelineStage... features) {
        PipelineStage[] stages = new PipelineStage[features.length + 1];
        System.arraycopy(features, 0, stages, 0, features.length);
        stages[features.length] = new LogisticRegression().setLabelCol("label").setMaxIter(5);
        Problems problems = new Problems();
        FeatureSources.expectFrom(PipelineStages.of(new Pipeline().setStages(stages).fit(data), SCHEMA), "label",
                ALLOWED, problems);
        return problems;
    }
}
