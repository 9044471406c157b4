package org.mllabs.cli.classroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mllabs.grading.GradingSeed;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.RepositoryLayout;
import org.mllabs.runtime.spark.LabSpark;

/**
 * Runs one submission's lab code: {@code lab run <lab> --learner <id>} in a child JVM, on the submission's checkout
 * ({@code MLLABS_REPO}), logging to the instructor's MLflow server ({@code MLFLOW_TRACKING_URI}), with a state
 * directory of its own (so parallel runs do not share compiled classes), without the grading seed, within a time
 * limit. Its output goes to {@code <logs>/<learner>.log}.
 */
final class SubmissionRun {

    private final ChildJvm jvm;
    private final ChildProcesses children;
    private final String labId;
    private final URI trackingUri;
    private final Settings settings;

    /**
     * Where and how submissions run.
     *
     * @param logs the folder of the per-learner logs
     * @param homes the folder of the per-learner state directories
     * @param timeout how long a run may take before it is killed
     * @param sparkMaster the Spark master of each run, such as {@code local[2]}
     */
    record Settings(Path logs, Path homes, Duration timeout, String sparkMaster) {
    }

    SubmissionRun(ChildJvm jvm, ChildProcesses children, String labId, URI trackingUri, Settings settings) {
        this.jvm = jvm;
        this.children = children;
        this.labId = labId;
        this.trackingUri = trackingUri;
        this.settings = settings;
    }

    /** Runs the submission for the learner and tells how it ended. */
    ChildExit run(Path checkout, LearnerId learner) {
        Path home = directory(settings.homes().resolve(learner.value()));
        Path statusFile = home.resolve("run-status");
        ProcessBuilder builder = new ProcessBuilder(jvm.command("run", labId, "--learner", learner.value()))
                .directory(checkout.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory(settings.logs()).resolve(learner.value() + ".log").toFile());
        Map<String, String> environment = builder.environment();
        environment.remove(GradingSeed.VARIABLE);
        environment.put(RepositoryLayout.MLLABS_REPO, checkout.toString());
        environment.put(LabEnvironment.MLFLOW_TRACKING_URI, trackingUri.toString());
        environment.put(LabHome.MLLABS_HOME, home.toString());
        environment.put(LearnerId.MLLABS_LEARNER, learner.value());
        environment.put(LabSpark.MASTER_VARIABLE, settings.sparkMaster());
        environment.put(LabRunStatusFile.VARIABLE, statusFile.toString());
        try {
            Files.deleteIfExists(statusFile);
            Process process = children.start(builder);
            try {
                boolean ended = process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
                if (children.stopping()) {
                    throw new IllegalStateException("the batch was interrupted while " + learner + "'s lab ran");
                }
                if (!ended) {
                    ChildProcesses.kill(process);
                    return new ChildExit(process.exitValue(), true, LabRunStatusFile.read(statusFile));
                }
                return new ChildExit(process.exitValue(), false, LabRunStatusFile.read(statusFile));
            } finally {
                children.ended(process);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a JVM for " + learner + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + learner + "'s lab ran", e);
        }
    }

    private static Path directory(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + path, e);
        }
    }
}
