package org.mllabs.serving.service;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.sql.SparkSession;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.LabPython;
import org.mllabs.runtime.mlflow.MlflowCredentials;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.server.MlflowServers;
import org.mllabs.runtime.spark.LabSpark;
import org.mllabs.serving.endpoint.Endpoints;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The serving process ({@link ServingProcess} starts it): {@code ServingMain [--port N] [--scale-to-zero-after MS]}.
 * It serves from the MLflow server that is up (the environment's or the state directory's; on a shared server as the
 * learner's MLflow user, from their credentials file), records itself in
 * {@code serving/serving.json} once it answers, and forgets that record when it stops. Exit status 2: no MLflow server
 * is up or no Python environment was found, or the command line is wrong (picocli's usage on standard error).
 */
@Command(name = "ServingMain", description = "The serving process that `lab serve up` starts.")
public final class ServingMain implements Callable<Integer> {

    /** Above Spark's shutdown hook (Hadoop's {@code FileSystem} priority + 30): runs before it. */
    private static final int SHUTDOWN_PRIORITY = 100;

    @Option(names = "--port", paramLabel = "<port>", description = "The port to listen on (default: a free one).")
    private int port;

    @Option(names = "--scale-to-zero-after", paramLabel = "<ms>",
            description = "How long an endpoint stays loaded without requests, in milliseconds.")
    private long scaleToZeroAfterMillis = Endpoints.SCALE_TO_ZERO_AFTER.toMillis();

    ServingMain() {
    }

    /** Runs until the process is stopped; exits at once with status 2 when it cannot serve. */
    public static void main(String[] args) {
        int status = new CommandLine(new ServingMain()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    @Override
    public Integer call() throws Exception {
        Duration scaleToZeroAfter = Duration.ofMillis(scaleToZeroAfterMillis);
        LabEnvironment environment = LabEnvironment.current();
        LabHome home = LabHome.from(environment);
        Optional<MlflowServer> mlflow = new MlflowServers(home, environment, line -> { }).running();
        if (mlflow.isEmpty()) {
            System.err.println("No MLflow server is up, and endpoints serve models from its registry: start it with "
                    + "`lab up`, then `lab serve up` again.");
            return 2;
        }
        Optional<Path> python = LabPython.find(environment);
        if (python.isEmpty()) {
            System.err.println("The serving service reads requests with Python MLflow's rules, and no lab Python "
                    + "environment was found. " + LabPython.howToCreate());
            return 2;
        }
        SparkSession spark = LabSpark.builder().master("local[2]").appName("mllabs-serving")
                .warehouse(home.work("serving")).getOrCreate();
        ServingService service = ServingService.start(home, mlflow.get().trackingUri(),
                MlflowCredentials.from(environment), port, python.get(), spark,
                environment.get("USER").orElse("learner"), scaleToZeroAfter);
        Path recordFile = ServingProcess.recordFile(home);
        ServingRecord record = new ServingRecord(ProcessHandle.current().pid(), service.uri().toString(),
                mlflow.get().trackingUri().toString(), Instant.now().toString());
        // Through Hadoop's hook manager, ahead of Spark's own hook (which stops the session), so that the inference
        // tables' last batches are still appended when the process is stopped.
        ShutdownHookManager.get().addShutdownHook(() -> {
            ServingRecord.read(recordFile).filter(record::equals).ifPresent(ours -> ServingProcess.forget(home));
            service.close();
        }, SHUTDOWN_PRIORITY);
        record.write(recordFile);
        System.out.println("Serving at " + service.uri() + " from the MLflow server at " + record.trackingUri());
        Thread.currentThread().join();
        return 0;
    }
}
