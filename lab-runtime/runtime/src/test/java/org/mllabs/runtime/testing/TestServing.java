package org.mllabs.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.serving.ServingLauncher;

/**
 * The one serving service of a test JVM, for labs that need it ({@code services: [serving]}): started the first time
 * such a lab runs, in this JVM ({@link ServingLauncher}, which the serving module provides) on the tests' Spark
 * context, on the loopback address, its state in a temporary folder; stopped when the JVM ends.
 */
public final class TestServing {

    private static ServingLauncher.Running running;

    private TestServing() {
    }

    /**
     * Where the service answers, starting it on first use.
     *
     * @param server the test MLflow server, whose registry it serves from
     * @param spark the tests' Spark session; the service gets a session of its own on its context
     * @throws IllegalStateException when the serving module is not on the test class path
     */
    public static synchronized URI uri(MlflowServer server, SparkSession spark) {
        if (running == null) {
            ServingLauncher launcher = ServingLauncher.find().orElseThrow(() -> new IllegalStateException(
                    "A lab needs the serving service, and the serving module (org.mllabs:lab-serving) is not on "
                            + "the test class path."));
            Path home;
            try {
                home = Files.createTempDirectory("mllabs-test-serving");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            running = launcher.start(home, server.trackingUri(), spark.newSession());
            Runtime.getRuntime().addShutdownHook(new Thread(TestServing::stop, "test-serving-stop"));
        }
        return running.uri();
    }

    /** Where the service answers, if a lab has started it. */
    public static synchronized Optional<URI> started() {
        return Optional.ofNullable(running).map(ServingLauncher.Running::uri);
    }

    private static synchronized void stop() {
        try {
            running.close();
        } catch (RuntimeException e) {
            // the JVM is ending, and its Spark context may already have stopped
        }
    }
}
