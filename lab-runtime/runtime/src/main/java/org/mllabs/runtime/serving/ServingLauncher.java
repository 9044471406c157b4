package org.mllabs.runtime.serving;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the serving service in this JVM, on a Spark session it is given: for tests, which run one service for their
 * whole JVM. The serving module provides it ({@code META-INF/services}); the runtime cannot depend on that module,
 * which depends on the runtime.
 */
public interface ServingLauncher {

    /**
     * Starts a service on the loopback address, on any free port.
     *
     * @param home the state directory its endpoints, models and inference tables go in
     * @param trackingUri the MLflow server whose registry it serves from
     * @param spark the session models load into and inference tables are written with
     * @return the running service: closing it stops it
     */
    Running start(Path home, URI trackingUri, SparkSession spark);

    /** A running service. */
    interface Running extends AutoCloseable {

        /** Where it answers, such as {@code http://127.0.0.1:41234}. */
        URI uri();

        @Override
        void close();
    }

    /** The launcher on the class path, if the serving module is there. */
    static Optional<ServingLauncher> find() {
        return ServiceLoader.load(ServingLauncher.class).findFirst();
    }
}
