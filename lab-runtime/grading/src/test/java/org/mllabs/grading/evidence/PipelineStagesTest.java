package org.mllabs.grading.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.ImputerModel;
import org.apache.spark.ml.feature.Interaction;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.RFormula;
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
import org.mllabs.runtime.testing.SparkExtension;

@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineStagesTest {

    private static final StructType SCHEMA = new StructType()
            .add("plan", DataTypes.StringType)
            .add("region", DataTypes.StringType)
            .add("charges", DataTypes.DoubleType)
            .add("age", DataTypes.DoubleType)
            .add("label", DataTypes.DoubleType);

    private Dataset<Row> data;
    private PipelineStages stages;

    /**
     * charges is imputed, plan and region indexed and one-hot encoded by one stage each, plan and charges interact,
     * and everything but the raw charges is assembled; the features part is a pipeline nested in the outer one.
     */
    @BeforeAll
    void fit(SparkSession spark) {
        data = spark.createDataFrame(List.of(
                RowFactory.create("a", "n", 10.0, 30.0, 0.0), RowFactory.create("b", "s", null, 40.0, 1.0),
                RowFactory.create("a", "s", 30.0, 50.0, 0.0), RowFactory.create("b", "n", 40.0, 60.0, 1.0)), SCHEMA);
        Pipeline features = new Pipeline().setStages(new PipelineStage[] {
            new Imputer().setInputCols(new String[] {"charges"}).setOutputCols(new String[] {"charges_imputed"}),
            new StringIndexer().setInputCols(new String[] {"plan", "region"})
                    .setOutputCols(new String[] {"plan_index", "region_index"}),
            new OneHotEncoder().setInputCols(new String[] {"plan_index", "region_index"})
                    .setOutputCols(new String[] {"plan_vec", "region_vec"}),
            new Interaction().setInputCols(new String[] {"plan_vec", "charges_imputed"}).setOutputCol("plan_x_charges"),
            new VectorAssembler().setInputCols(new String[] {"age", "charges_imputed", "plan_vec", "region_vec",
                "plan_x_charges"})
                    .setOutputCol("features")
        });
        PipelineModel model = new Pipeline().setStages(new PipelineStage[] {
            features, new LogisticRegression().setLabelCol("label").setMaxIter(5)
        }).fit(data);
        stages = PipelineStages.of(model, SCHEMA);
    }

    @Test
    void flattensNestedPipelinesAndNamesStagesByTheirEstimator() {
        assertThat(stages.kinds()).containsExactly("Imputer", "StringIndexer", "OneHotEncoder", "Interaction",
                "VectorAssembler", "LogisticRegression");
        assertThat(stages.last())
                .hasValueSatisfying(last -> assertThat(last.is(LogisticRegressionModel.class)).isTrue());
        assertThat(stages.ofType(ImputerModel.class)).singleElement()
                .satisfies(imputer -> assertThat(imputer.position()).isZero());
    }

    @Test
    void readsEachStagesInputsFromItsParamsAndOutputsFromItsSchema() {
        assertThat(stages.stages().get(0).inputs()).containsExactly("charges");
        assertThat(stages.stages().get(0).outputs()).containsExactly("charges_imputed");
        assertThat(stages.stages().get(1).inputs()).containsExactly("plan", "region");
        assertThat(stages.stages().get(1).outputs()).containsExactly("plan_index", "region_index");
        assertThat(stages.stages().get(3).inputs()).containsExactly("plan_vec", "charges_imputed");
        assertThat(stages.last().orElseThrow().inputs()).containsExactly("features");
        assertThat(stages.last().orElseThrow().outputs()).contains("prediction", "probability", "rawPrediction");
        assertThat(stages.stages().get(3)).hasToString("Interaction(plan_vec, charges_imputed -> plan_x_charges)");
    }

    @Test
    void tracesAColumnToTheStageThatWroteItAndTheInputColumnsItIsMadeFrom() {
        assertThat(stages.producer("plan_vec"))
                .hasValueSatisfying(stage -> assertThat(stage.kind()).isEqualTo("OneHotEncoder"));
        assertThat(stages.producer("plan")).isEmpty();
        assertThat(stages.sources("plan_x_charges")).containsExactlyInAnyOrder("plan", "charges");
        assertThat(stages.sources("region_vec")).as("a one-to-one stage makes each output of its own input")
                .containsExactly("region");
        assertThat(stages.upstream("plan_vec")).containsExactly("plan_vec", "plan_index", "plan");
        assertThat(stages.sources("age")).containsExactly("age");
        assertThat(stages.upstream("features")).contains("plan_x_charges", "plan_vec", "plan_index", "charges_imputed",
                "charges", "plan", "age");
        assertThat(stages.readers("charges_imputed")).extracting(PipelineStages.Stage::kind)
                .containsExactly("Interaction", "VectorAssembler");
    }

    @Test
    void aPipelineThatCannotTransformTheSchemaIsRefused() {
        StructType withoutCharges = new StructType().add("plan", DataTypes.StringType).add("age", DataTypes.DoubleType);
        PipelineModel model = new Pipeline().setStages(new PipelineStage[] {
            new Imputer().setInputCols(new String[] {"charges"}).setOutputCols(new String[] {"charges_imputed"})
        }).fit(data);

        assertThatThrownBy(() -> PipelineStages.of(model, withoutCharges)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSqlTransformersColumnsAreMadeFromTheColumnsBehindTheirExpressions() {
        PipelineStages sql = stagesOf(new SQLTransformer().setStatement(
                "SELECT plan, region, charges, label, charges / (age + 1) AS per_year, plan AS age FROM __THIS__ "
                        + "WHERE region IS NOT NULL"));

        PipelineStages.Stage stage = sql.stages().get(0);
        assertThat(stage.traced()).isTrue();
        assertThat(stage.outputs()).as("a new column and one replaced; the columns passed through are not written")
                .containsExactlyInAnyOrder("per_year", "age");
        assertThat(stage.inputsOf("per_year")).as("the filter's column shapes every value")
                .containsExactlyInAnyOrder("charges", "age", "region");
        assertThat(sql.sources("age")).contains("plan").doesNotContain("label");
        assertThat(sql.sources("per_year")).as("columns are traced by name: the replaced age counts as an input too")
                .contains("charges", "age").doesNotContain("label");
    }

    @Test
    void aSqlTransformerThatAggregatesTheLabelMakesItsColumnFromTheLabel() {
        PipelineStages sql = stagesOf(new SQLTransformer().setStatement("SELECT t.*, r.rate FROM __THIS__ t JOIN "
                + "(SELECT region, avg(label) AS rate FROM __THIS__ GROUP BY region) r ON t.region = r.region"));

        assertThat(sql.sources("rate")).contains("label");
        assertThat(sql.path("rate", "label")).containsExactly("rate", "label");
    }

    @Test
    void anRFormulaMakesItsFeaturesFromItsTermsAndItsLabelFromItsLabel() {
        PipelineStages formula = stagesOf(new RFormula().setFormula("label ~ age + plan")
                .setFeaturesCol("f").setLabelCol("y"));

        assertThat(formula.stages().get(0).traced()).isTrue();
        assertThat(formula.sources("f")).containsExactlyInAnyOrder("age", "plan");
        assertThat(formula.sources("y")).containsExactly("label");
    }

    @Test
    void aStageOfAnotherKindIsUntracedAndTakenToReadEveryColumn() {
        PipelineStages clustered = stagesOf(
                new VectorAssembler().setInputCols(new String[] {"age"}).setOutputCol("features"),
                new KMeans().setK(2).setSeed(1L).setPredictionCol("cluster"));

        assertThat(clustered.untraced()).extracting(PipelineStages.Stage::kind).containsExactly("KMeans");
        assertThat(clustered.sources("cluster")).contains("label", "age", "plan");
    }

    private PipelineStages stagesOf(PipelineStage... stages) {
        return PipelineStages.of(new Pipeline().setStages(stages).fit(data), SCHEMA);
    }
}
