package org.mllabs.runtime.server;

import org.mllabs.runtime.BuildSettings;

/** The pinned versions the build wrote into the runtime: the MLflow server and the Spark it must match. */
public final class MlflowServerVersion {

    private MlflowServerVersion() {
    }

    /** The MLflow server version used by the container image, the local process and the Python interop. */
    public static String mlflow() {
        return BuildSettings.get("mlflow.server.version");
    }

    /** The Spark version the labs run on; a Python loader of our models needs the same {@code pyspark}. */
    public static String spark() {
        return BuildSettings.get("spark.version");
    }
}
