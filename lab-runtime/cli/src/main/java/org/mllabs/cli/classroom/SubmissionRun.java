package org.mllabs.cli.classroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mllabs.cli.ExitCodes;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.RepositoryLayout;
import org.mllabs.runtime.server.MlflowHealth;
import org.mllabs.runtime.spark.LabSpark;

/**
 * Runs one submission's lab code: {@code lab run <lab> --learner <id>} in a child JVM, in a place of its own of the
 * {@link SubmissionSandbox} (a copy of the checkout as {@code MLLABS_REPO}, a state directory, a temporary folder, a
 * user of its own where it can), logging to the instructor's MLflow server ({@code MLFLOW_TRACKING_URI}), with no
 * other variable of the instructor's, within a time limit. Its output goes to {@code <logs>/<learner>.log}, which
 * this process writes. While it runs the server is asked every few seconds whether it answers: one that does not for
 * 10 s, during the run or right after it, makes the run say nothing about the learner's work.
 */
final class SubmissionRun {

    private static final Duration HEALTH_EVERY = Duration.ofSeconds(2);
    /** How long the server must fail to answer to count as down: a busy machine answers a probe late now and then. */
    private static final Duration DOWN_FOR = Duration.ofSeconds(10);

    private final SubmissionSandbox sandbox;
    private final ChildProcesses children;
    private final String labId;
    private final URI trackingUri;
    private final Settings settings;

    /**
     * Where and how submissions run.
     *
     * @param logs the folder of the per-learner logs
     * @param timeout how long a run may take before it is killed
     * @param sparkMaster the Spark master of each run, such as {@code local[2]}
     * @param credentials the user each learner's run logs as
     */
    record Settings(Path logs, Duration timeout, String sparkMaster, LearnerCredentials credentials) {
    }

    SubmissionRun(SubmissionSandbox sandbox, ChildProcesses children, String labId, URI trackingUri,
                  Settings settings) {
        this.sandbox = sandbox;
        this.children = children;
        this.labId = labId;
        this.trackingUri = trackingUri;
        this.settings = settings;
    }

    /** Runs the submission for the learner and tells how it ended. */
    ChildExit run(Path checkout, LearnerId learner) {
        SubmissionSandbox.Place place;
        try {
            place = sandbox.open(learner, checkout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + learner + "'s run waited for a submission user", e);
        }
        try {
            return run(place, learner);
        } finally {
            sandbox.close(place);
        }
    }

    private ChildExit run(SubmissionSandbox.Place place, LearnerId learner) {
        Path statusFile = place.home().resolve("run-status");
        ProcessBuilder builder = new ProcessBuilder(place.command(sandbox.jvm().command(place.jvmOptions(), "run",
                labId, "--learner", learner.value())))
                .directory(place.checkout().toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory(settings.logs()).resolve(learner.value() + ".log").toFile());
        Map<String, String> variables = new HashMap<>(Map.of(
                RepositoryLayout.MLLABS_REPO, place.checkout().toString(),
                LabEnvironment.MLFLOW_TRACKING_URI, trackingUri.toString(),
                LabHome.MLLABS_HOME, place.home().toString(),
                LearnerId.MLLABS_LEARNER, learner.value(),
                LabSpark.MASTER_VARIABLE, settings.sparkMaster(),
                LabRunStatusFile.VARIABLE, statusFile.toString()));
        variables.putAll(settings.credentials().variables(learner));
        place.environment(builder.environment(), variables);
        try {
            Process process = children.start(builder,
                    () -> place.user().ifPresent(SubmissionUsers::killEverything));
            try {
                long deadline = System.nanoTime() + settings.timeout().toNanos();
                boolean serverDown = false;
                boolean everDown = false;
                long downSince = 0;
                boolean ended;
                while (!(ended = process.waitFor(Math.min(HEALTH_EVERY.toNanos(), deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS)) && System.nanoTime() < deadline) {
                    if (MlflowHealth.isUp(trackingUri)) {
                        downSince = 0;
                    } else if (downSince == 0) {
                        downSince = System.nanoTime();
                        everDown = true;
                    } else {
                        serverDown |= System.nanoTime() - downSince >= DOWN_FOR.toNanos();
                    }
                }
                if (children.stopping()) {
                    throw new IllegalStateException("the batch stopped while " + learner + "'s lab ran");
                }
                if (!ended) {
                    ChildProcesses.kill(process);
                }
                place.user().ifPresent(SubmissionUsers::killEverything);
                boolean answersNow = answersWithin(DOWN_FOR);
                // the lab command exits 4 when the server did not answer it: after any miss, that is the outage's
                serverDown |= !answersNow || ended && everDown && process.exitValue() == ExitCodes.ENVIRONMENT;
                return new ChildExit(process.exitValue(), !ended, LabRunStatusFile.read(statusFile), serverDown);
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

    /** Whether the server answers within the time, asked every half second. */
    private boolean answersWithin(Duration time) throws InterruptedException {
        long deadline = System.nanoTime() + time.toNanos();
        while (!MlflowHealth.isUp(trackingUri)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(500);
        }
        return true;
    }

    private static Path directory(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + path, e);
        }
    }
}
