package org.mllabs.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mllabs.runtime.LocalFiles;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.datasets.LabDatasets;
import org.mllabs.runtime.spark.LabSpark;
import org.mllabs.runtime.spark.SparkOnDemand;

/**
 * The Spark session of a grade, started only when a check re-scores a model: a grade with no such check never starts
 * Spark and stays quick. Shared by the grades of a class, it draws each held-out set once and keeps downloaded
 * models in one scratch folder, deleted on close.
 * It reads each lab dataset once as well.
 */
public final class GradingSpark implements AutoCloseable {

    private final SparkOnDemand spark = new SparkOnDemand(LabSpark.builder().appName("mllabs grading"));
    private Path models;
    private final Map<LabDataset, Dataset<Row>> datasets = new HashMap<>();
    private final Map<HeldOutSet, Dataset<Row>> heldOut = new HashMap<>();

    /** A held-out set: which dataset, drawn from which seed, how many rows. */
    private record HeldOutSet(LabDataset dataset, long seed, int rows) {
    }

    /** The session, started on first use. */
    public SparkSession session() {
        return spark.get();
    }

    /**
     * Every row of a lab dataset as the labs load it ({@link LabDatasets#load}), read once for this session and kept
     * in memory.
     */
    public synchronized Dataset<Row> dataset(LabDataset dataset) {
        return datasets.computeIfAbsent(dataset, d -> LabDatasets.locate().load(session(), d).cache());
    }

    /**
     * Held-out rows of a dataset (see {@link LabDatasets#heldOut}), drawn once for this session and kept in memory:
     * every learner graded in it is scored on the same rows.
     */
    public synchronized Dataset<Row> heldOut(LabDataset dataset, long seed, int rows) {
        return heldOut.computeIfAbsent(new HeldOutSet(dataset, seed, rows),
                set -> LabDatasets.heldOut(session(), dataset, seed, rows).cache());
    }

    /** A scratch folder for models downloaded to be scored, removed when this closes. */
    public synchronized Path modelDownloads() {
        if (models == null) {
            try {
                models = Files.createTempDirectory("mllabs-grading-models");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a folder for the models to score", e);
            }
        }
        return models;
    }

    /** Whether a check has started Spark. */
    public boolean started() {
        return spark.started();
    }

    /** Stops the session if a check started it, and deletes the downloaded models. */
    @Override
    public synchronized void close() {
        datasets.clear();
        heldOut.clear();
        spark.close();
        if (models != null) {
            LocalFiles.deleteTree(models);
            models = null;
        }
    }
}
