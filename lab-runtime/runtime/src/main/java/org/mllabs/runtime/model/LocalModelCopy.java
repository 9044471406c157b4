package org.mllabs.runtime.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.util.ReadWriteUtils$;

/**
 * A second copy of a logged Spark model, in Spark ML's local format, beside the standard {@code sparkml/} copy.
 *
 * <p>The standard format is what {@link PipelineModel#load(String)} and Python's {@code mlflow.spark} read: every
 * stage's metadata and data go through Spark SQL (a query, a file listing and a job or two each), which costs about
 * half a second a model even in a warm JVM, and most of a grade's time. Spark 4's local format
 * ({@code ReadWriteUtils.localSavingModeState}, which Spark Connect uses to keep models on the driver) writes the same
 * metadata JSON and the fitted values as plain files, read without any Spark job: a hundred times faster. Neither
 * reader reads the other's files, so {@link SparkModelLogger} writes both, from the one fitted model, in one logging
 * call; {@link SparkModelLoader} reads this copy when the model has it, the standard one otherwise (a model logged from
 * Python).
 *
 * <p>The mode is a per-thread switch in Spark, set only around the write or read and restored after, so other threads
 * keep the standard format.
 */
final class LocalModelCopy {

    /** The copy's folder in the model's directory, beside {@link MlModelFiles#MODEL_DATA}. */
    static final String DIRECTORY = "sparkml-local";

    private LocalModelCopy() {
    }

    /** Writes the model's local copy into {@link #DIRECTORY} of a model directory. */
    static void write(PipelineModel model, Path modelDirectory) throws IOException {
        inLocalMode(() -> {
            model.write().save(modelDirectory.resolve(DIRECTORY).toString());
            return null;
        });
    }

    /** Whether a downloaded model directory holds a local copy. */
    static boolean isIn(Path modelDirectory) {
        return Files.isRegularFile(modelDirectory.resolve(DIRECTORY).resolve("metadata"));
    }

    /** Reads the local copy of a model directory. */
    static PipelineModel read(Path modelDirectory) {
        return inLocalMode(() -> PipelineModel.load(modelDirectory.resolve(DIRECTORY).toString()));
    }

    /** A read or write of a model, run with Spark ML's local format switched on for this thread. */
    private interface ModelIo<T, E extends Exception> {
        T run() throws E;
    }

    private static <T, E extends Exception> T inLocalMode(ModelIo<T, E> io) throws E {
        ThreadLocal<Object> mode = ReadWriteUtils$.MODULE$.localSavingModeState();
        Object before = mode.get();
        mode.set(Boolean.TRUE);
        try {
            return io.run();
        } finally {
            mode.set(before);
        }
    }
}
