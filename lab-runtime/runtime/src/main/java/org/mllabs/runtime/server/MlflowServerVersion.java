package org.mllabs.runtime.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The pinned versions the build wrote into the runtime: the MLflow server and the Spark it must match. */
public final class MlflowServerVersion {

    private static final Properties PINNED = load();

    private MlflowServerVersion() {
    }

    /** The MLflow server version used by the container image, the local process and the Python interop. */
    public static String mlflow() {
        return PINNED.getProperty("version");
    }

    /** The Spark version the labs run on; a Python loader of our models needs the same {@code pyspark}. */
    public static String spark() {
        return PINNED.getProperty("spark.version");
    }

    private static Properties load() {
        try (InputStream in = MlflowServerVersion.class.getResourceAsStream("mlflow-server.properties")) {
            if (in == null) {
                throw new IllegalStateException("mlflow-server.properties is missing from the runtime jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
