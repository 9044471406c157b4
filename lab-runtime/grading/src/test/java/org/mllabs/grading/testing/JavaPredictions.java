package org.mllabs.grading.testing;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.evidence.LoggedSignature;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.model.MlModelFiles;
import org.mllabs.runtime.model.SparkModelLoader;

/**
 * What Java predicts, for the Python checks to compare with: each model loaded with the runtime's own loader
 * ({@link SparkModelLoader}) scores every row of the lab dataset its signature's inputs come from, read once a
 * grading session with the project's schema ({@link org.mllabs.grading.GradingSpark#dataset}), or every row whose
 * inputs are all present when the lab asks for that; the predictions go to a folder the checks read
 * ({@code mllabs_checks/scoring.py}), with a manifest. When only the rows with every input are scored, the manifest
 * also says whether Java refuses the rows left out, all together and a few ({@value #LEFT_OUT_SAMPLE}, the first
 * keys) one at a time, for the checks to show that Python refuses the same:
 * <pre>
 * models.json        [{"model_uri": ..., "dataset": "customer_churn", "file": "customer_churn.csv",
 *                      "key_column": "customer_id", "inputs": [...], "complete_rows_only": false,
 *                      "predictions": "0.csv", "rows": 5000, "java_seconds": 1.2,
 *                      "left_out": {"rows": 365, "java_refuses_them": true,
 *                                   "sample": [{"key": "C000012", "java_refuses": true}, ...]}}, ...]
 * 0.csv              key,prediction: one line a row of the dataset, the prediction as Double.toString writes it
 * python_seconds.txt written by the checks: how long pyfunc and spark_udf took with each model
 * </pre>
 * Each model's every row is also scored through the per-row path ({@link RowPathCheck}), which must give exactly
 * {@code transform}'s prediction wherever it answers, and no answer to a row left out and refused; the manifest entry's
 * {@code row_path} counts the rows it answered and those it left to Spark.
 */
public final class JavaPredictions {

    /** The manifest of the folder. */
    public static final String MANIFEST = "models.json";
    /** Where the Python checks write how long each model took them to score. */
    public static final String PYTHON_TIMINGS = "python_seconds.txt";
    /** The column Spark's predictors write, and the one MLflow's pyfunc returns for a Spark model. */
    public static final String PREDICTION = "prediction";
    /** How many of the rows left out for a missing input are also scored one at a time. */
    public static final int LEFT_OUT_SAMPLE = 3;

    private JavaPredictions() {
    }

    /**
     * Scores each model on its dataset's every row and writes the predictions and the manifest into the folder.
     *
     * @param modelUris the models, as {@code runs:/...} or {@code models:/...} URIs
     * @param completeRowsOnly whether to score only the rows whose signature inputs are all present
     * @param context the context the models are read with (its server and Spark session)
     * @param folder where to write; created if absent
     * @throws IllegalArgumentException when a model's signature inputs are not columns of one lab dataset
     */
    public static void write(List<String> modelUris, boolean completeRowsOnly, GradingContext context, Path folder) {
        SparkModelLoader loader = new SparkModelLoader(context.mlflow(), folder.resolve("models"));
        ArrayNode manifest = new ObjectMapper().createArrayNode();
        try {
            Files.createDirectories(folder);
            for (int i = 0; i < modelUris.size(); i++) {
                String uri = modelUris.get(i);
                LoggedSignature signature = signatureOf(uri, loader.download(uri));
                LabDataset dataset = datasetOf(uri, signature);
                long start = System.nanoTime();
                PipelineModel model = loader.load(uri);
                Dataset<Row> all = context.spark().dataset(dataset);
                Dataset<Row> rows = completeRowsOnly ? all.na().drop(signature.inputNames().toArray(String[]::new))
                        : all;
                List<Row> predicted = model.transform(rows).select(dataset.keyColumn(), PREDICTION).collectAsList();
                double seconds = (System.nanoTime() - start) / 1e9;
                RowPathCheck rowPath = RowPathCheck.of(model, rows);
                rowPath.compare(uri, rows, dataset.keyColumn(), predicted);
                System.out.println(uri + ": " + rowPath);
                String file = i + ".csv";
                List<String> lines = new ArrayList<>(List.of(dataset.keyColumn() + "," + PREDICTION));
                predicted.forEach(row -> lines.add(row.getString(0) + "," + row.getDouble(1)));
                Files.write(folder.resolve(file), lines);
                ObjectNode entry = manifest.addObject();
                entry.put("model_uri", uri);
                entry.put("dataset", dataset.datasetName());
                entry.put("file", dataset.fileName());
                entry.put("key_column", dataset.keyColumn());
                entry.putPOJO("inputs", signature.inputNames());
                entry.put("complete_rows_only", completeRowsOnly);
                entry.put("predictions", file);
                entry.put("rows", predicted.size());
                entry.put("java_seconds", seconds);
                rowPath.describe(entry.putObject("row_path"));
                if (completeRowsOnly) {
                    leftOut(uri, model, all, dataset, signature.inputNames(), rowPath, entry.putObject("left_out"));
                }
            }
            Files.writeString(folder.resolve(MANIFEST), manifest.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write Java's predictions to " + folder, e);
        }
    }

    /** How long the Python checks took to score each model, as they wrote it in the folder; empty if they did not. */
    public static String pythonTimings(Path folder) {
        Path timings = folder.resolve(PYTHON_TIMINGS);
        try {
            return Files.isRegularFile(timings) ? Files.readString(timings) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + timings, e);
        }
    }

    /**
     * Describes the rows with a missing input: how many, whether Java refuses to score them together, and whether it
     * refuses each of the first {@value #LEFT_OUT_SAMPLE} by key alone.
     */
    private static void leftOut(String uri, PipelineModel model, Dataset<Row> all, LabDataset dataset,
            List<String> inputs, RowPathCheck rowPath, ObjectNode node) {
        Column missing = inputs.stream().map(input -> col(input).isNull()).reduce(Column::or).orElseThrow();
        Dataset<Row> leftOut = all.filter(missing);
        List<String> keys = leftOut.select(dataset.keyColumn()).as(Encoders.STRING()).collectAsList();
        node.put("rows", keys.size());
        node.put("java_refuses_them", refuses(model, leftOut));
        ArrayNode sample = node.putArray("sample");
        keys.stream().sorted().limit(LEFT_OUT_SAMPLE).forEach(key -> {
            Dataset<Row> alone = all.filter(col(dataset.keyColumn()).equalTo(key));
            boolean refused = refuses(model, alone);
            if (refused) {
                rowPath.requireNoAnswer(uri, alone.first());
            }
            sample.addObject().put("key", key).put("java_refuses", refused);
        });
    }

    /** Whether scoring the rows fails, as Spark's assembler fails on a missing input it was not told to skip. */
    private static boolean refuses(PipelineModel model, Dataset<Row> rows) {
        try {
            model.transform(rows).select(PREDICTION).collectAsList();
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    private static LoggedSignature signatureOf(String uri, Path modelDirectory) throws IOException {
        return LoggedSignature.parse(Files.readAllBytes(modelDirectory.resolve(MlModelFiles.MLMODEL)))
                .orElseThrow(() -> new IllegalArgumentException(uri + " has no signature to score it by"));
    }

    /** The lab dataset whose columns include every input of the model's signature. */
    private static LabDataset datasetOf(String uri, LoggedSignature signature) {
        return Stream.of(LabDataset.values())
                .filter(dataset -> dataset.columnNames().containsAll(signature.inputNames()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(uri + " takes " + signature.inputNames()
                        + ", which are not the columns of one lab dataset"));
    }
}
