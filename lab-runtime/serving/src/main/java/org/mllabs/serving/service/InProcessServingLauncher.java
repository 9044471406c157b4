package org.mllabs.serving.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.LabPython;
import org.mllabs.runtime.serving.ServingLauncher;

/**
 * The serving service started in the caller's JVM on the caller's Spark session, for tests ({@link ServingLauncher}):
 * no MLflow credentials, the lab Python environment if there is one (only requests the Java reader leaves to MLflow
 * need it), entities that never scale to zero.
 */
public final class InProcessServingLauncher implements ServingLauncher {

    @Override
    public Running start(Path home, URI trackingUri, SparkSession spark) {
        Path python = LabPython.find(LabEnvironment.current()).orElse(Path.of("python3"));
        ServingService service;
        try {
            service = ServingService.start(new LabHome(home), trackingUri, Optional.empty(), 0, python, spark,
                    "tests", Duration.ofDays(1));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the serving service: " + e.getMessage(), e);
        }
        return new Running() {
            @Override
            public URI uri() {
                return service.uri();
            }

            @Override
            public void close() {
                service.close();
            }
        };
    }
}
