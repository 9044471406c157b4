package org.mllabs.runtime.automl;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.datasets.LabDatasets;

/**
 * The data an AutoML run learns from, and how to load it again: each trial's generated source starts with
 * {@code loadingCode}, an expression of a {@code SparkSession spark} that gives the same rows in the same order, so
 * that it splits them as the trial did.
 *
 * @param frame the rows, label included
 * @param target the label column
 * @param loadingCode a Java expression that loads {@code frame} again from a {@code SparkSession} named {@code spark}
 * @param imports the classes {@code loadingCode} names, fully qualified
 */
public record TrainingData(Dataset<Row> frame, String target, String loadingCode, List<String> imports) {

    /** Copies the imports. */
    public TrainingData {
        imports = List.copyOf(imports);
    }

    /**
     * A lab dataset, loaded with {@link LabDatasets} and cached (reading the file is not part of an AutoML run's
     * budget); the generated sources load it with {@link LabDatasets#locate()} (the {@code datasets/} folder of the
     * repository they run in), and predict its label.
     */
    public static TrainingData of(SparkSession spark, LabDatasets datasets, LabDataset dataset) {
        Dataset<Row> frame = datasets.load(spark, dataset).cache();
        frame.count();
        return new TrainingData(frame, dataset.labelColumn(),
                "LabDatasets.locate().load(spark, LabDataset." + dataset.name() + ")",
                List.of(LabDatasets.class.getName(), LabDataset.class.getName()));
    }

    /**
     * The rows that have a label, split into a training [0] and a validation [1] part by a seeded random split: with
     * an {@link AutoMlRun}'s fraction and seed, the split its trials used.
     */
    public Dataset<Row>[] split(double trainFraction, long seed) {
        return frame.na().drop(new String[] {target}).randomSplit(new double[] {trainFraction, 1 - trainFraction},
                seed);
    }
}
