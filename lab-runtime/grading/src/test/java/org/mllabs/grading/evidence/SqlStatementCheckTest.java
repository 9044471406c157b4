package org.mllabs.grading.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.testing.SparkExtension;

@ExtendWith(SparkExtension.class)
class SqlStatementCheckTest {

    private static final StructType SCHEMA = new StructType().add("key", DataTypes.StringType)
            .add("x", DataTypes.DoubleType).add("label", DataTypes.DoubleType);

    private Dataset<Row> rows;

    @BeforeEach
    void rows(SparkSession spark) {
        rows = spark.createDataFrame(List.of(RowFactory.create("a", 0.9, 1.0), RowFactory.create("b", 0.8, 1.0),
                RowFactory.create("c", 0.3, 0.0), RowFactory.create("d", 0.1, 0.0)), SCHEMA);
    }

    /** The statements the labs' solutions and valid alternatives log, and other queries of the rows alone. */
    @Test
    void queriesOfTheRowsAloneAreScoredAndTraced() {
        for (String statement : List.of(
                "SELECT *, x / (x + 1) AS ratio FROM __THIS__",
                "SELECT *, CAST(0.0 AS DOUBLE) AS prediction, CAST(0.0 AS DOUBLE) AS rawPrediction FROM __THIS__",
                "SELECT *, x - (SELECT avg(x) FROM __THIS__) AS centred FROM __THIS__",
                "SELECT *, avg(x) OVER (PARTITION BY key) AS mean FROM __THIS__ WHERE x IS NOT NULL",
                "WITH t AS (SELECT key, x * 2 AS doubled FROM __THIS__) SELECT * FROM __THIS__ JOIN t USING (key)",
                "SELECT t.*, v.w FROM __THIS__ t CROSS JOIN (VALUES (1.5)) AS v(w)")) {
            PipelineModel model = fit(statement);

            assertThat(PipelineStages.of(model, SCHEMA).stages()).as(statement).hasSize(2);
            assertThat(SignatureBoundModel.of(model, Optional.empty(), "m").transform(rows, List.of("label")).count())
                    .as(statement).isEqualTo(4);
        }
    }

    @Test
    void reflectionIsRefusedWhereverTheStatementCallsIt() {
        for (String call : List.of("reflect('java.lang.System', 'getenv', 'HOME')",
                "java_method('java.lang.System', 'getenv', 'HOME')",
                "try_reflect('java.lang.System', 'getenv', 'HOME')",
                "(SELECT reflect('java.lang.System', 'getenv', 'HOME'))",
                "upper(REFLECT('java.lang.System', 'getenv', 'HOME'))")) {
            PipelineModel model = fit("SELECT *, " + call + " AS leaked FROM __THIS__");

            assertThatThrownBy(() -> SignatureBoundModel.of(model, Optional.empty(), "runs:/r/model")).as(call)
                    .isInstanceOf(UnscorableModelException.class)
                    .hasMessageContaining("runs:/r/model has a SQLTransformer (stage 1)")
                    .hasMessageContaining("the function ");
            assertThatThrownBy(() -> PipelineStages.of(model, SCHEMA)).as(call)
                    .isInstanceOf(UnscorableModelException.class);
        }
    }

    /** A function named by an expression is only known once Spark resolves it, so it is refused as parsed. */
    @Test
    void aFunctionNamedByAnExpressionIsRefused() {
        PipelineModel model = fit("SELECT *, IDENTIFIER('ref' || 'lect')('java.lang.System', 'getenv', 'HOME') "
                + "AS leaked FROM __THIS__");

        assertThatThrownBy(() -> SignatureBoundModel.of(model, Optional.empty(), "m"))
                .isInstanceOf(UnscorableModelException.class).hasMessageContaining("IDENTIFIER");
        assertThatThrownBy(() -> PipelineStages.of(model, SCHEMA)).isInstanceOf(UnscorableModelException.class);
    }

    @Test
    void filesTablesAndViewsAreRefusedBeforeSparkReadsThem(SparkSession spark, @TempDir Path directory)
            throws IOException {
        Path secret = Files.writeString(directory.resolve("admin.credentials"), "password=hunter2\n");
        rows.createOrReplaceTempView("other_rows");
        for (String statement : List.of(
                "SELECT *, (SELECT first(value) FROM text.`" + secret + "`) AS leaked FROM __THIS__",
                "SELECT * FROM text.`" + secret + "`",
                "SELECT * FROM __THIS__ WHERE EXISTS (SELECT 1 FROM csv.`" + secret + "`)",
                "SELECT *, (SELECT count(*) FROM other_rows) AS n FROM __THIS__",
                "SELECT *, id AS n FROM range(4)",
                "SELECT * FROM IDENTIFIER('other_rows')")) {
            PipelineStage stage = new SQLTransformer().setStatement(statement);
            PipelineModel model = new PipelineModel("m", new org.apache.spark.ml.Transformer[] {
                (org.apache.spark.ml.Transformer) stage});

            assertThatThrownBy(() -> SignatureBoundModel.of(model, Optional.empty(), "m")).as(statement)
                    .isInstanceOf(UnscorableModelException.class).hasMessageNotContaining("hunter2");
            assertThatThrownBy(() -> HeldOutAuc.of(model, rows, "label")).as(statement)
                    .isInstanceOf(UnscorableModelException.class);
        }
        spark.catalog().dropTempView("other_rows");
    }

    @Test
    void userDefinedFunctionsScriptsAndCommandsAreRefused(SparkSession spark) {
        spark.udf().register("leak", (UDF1<Double, Double>) x -> x, DataTypes.DoubleType);
        for (String statement : List.of(
                "SELECT *, leak(x) AS y FROM __THIS__",
                "SELECT TRANSFORM(key, x) USING 'cat' AS (k, y) FROM __THIS__",
                "SET spark.sql.ansi.enabled=false",
                "CREATE TEMPORARY VIEW v AS SELECT * FROM __THIS__",
                "SELECT *, xpath_string('<a>1</a>', 'a') AS y FROM __THIS__")) {
            PipelineModel model = new PipelineModel("m", new org.apache.spark.ml.Transformer[] {
                new SQLTransformer().setStatement(statement)});

            assertThatThrownBy(() -> SignatureBoundModel.score(model, rows, List.of("label"))).as(statement)
                    .isInstanceOf(UnscorableModelException.class).hasMessageContaining("stage 1");
        }
    }

    private PipelineModel fit(String statement) {
        return new Pipeline().setStages(new PipelineStage[] {
            new SQLTransformer().setStatement(statement),
            new VectorAssembler().setInputCols(new String[] {"x"}).setOutputCol("features")
        }).fit(rows.drop("label"));
    }
}
