package org.mllabs.cli.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.grading.Check;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.GradingSeed;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.server.MlflowServer;

/**
 * A server that stops answering during grading: the learner is graded again once it is back, and when it stays down
 * the row is GRADER_ERROR (not a final 0) and the batch stops starting learners. A loopback HTTP server stands in
 * for MLflow's {@code /health}; the grader (of a lab of its own, so no hidden check joins it) has one check, which
 * fails while the server is down, as a real check does.
 */
class InstructorGradingOutageTest {

    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicInteger gradings = new AtomicInteger();
    private final List<String> said = new ArrayList<>();
    private HttpServer health;
    private MlflowServer server;

    @BeforeEach
    void startHealth() throws IOException {
        health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        health.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(up.get() ? 200 : 503, -1);
            exchange.close();
        });
        health.createContext("/version", exchange -> {
            byte[] version = "3.17.2".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(up.get() ? 200 : 503, up.get() ? version.length : -1);
            if (up.get()) {
                exchange.getResponseBody().write(version);
            }
            exchange.close();
        });
        health.start();
        server = new MlflowServer(URI.create("http://127.0.0.1:" + health.getAddress().getPort()),
                MlflowServer.Provider.TRACKING_URI, "test");
    }

    @AfterEach
    void stopHealth() {
        health.stop(0);
    }

    /** A grader of 10 points whose check runs {@code duringGrading}, then passes only if the server answers. */
    private Grader grader(Runnable duringGrading) {
        return new Grader() {
            @Override
            public String labId() {
                return "lab99";
            }

            @Override
            public List<Check> checks(GradingContext context) {
                return List.of(Check.of("lab99.step1", 10, "reads the server", "README step 1", () -> {
                    gradings.incrementAndGet();
                    duringGrading.run();
                    return CheckResult.when(up.get(), "answered", "could not be checked: connection refused");
                }));
            }
        };
    }

    private InstructorGrading grading(Grader grader, BatchStop stop) {
        return new InstructorGrading(grader, server, Optional.empty(),
                new GradingSeed(7, GradingSeed.Source.PRACTICE, "test"), said::add, stop, Duration.ofSeconds(2));
    }

    @Test
    void aServerThatStaysDownGivesGraderErrorAndStopsTheBatch() {
        BatchStop stop = new BatchStop();
        try (InstructorGrading grading = grading(grader(() -> up.set(false)), stop)) {
            GradebookRow row = grading.grade(new LearnerId("ada"), LearnerStatus.COMPLETED, System.nanoTime());

            assertThat(row.status()).isEqualTo(LearnerStatus.GRADER_ERROR);
            assertThat(row.status().isFinal()).as("graded again by the next run").isFalse();
            assertThat(stop.stopped()).as(said.toString()).isTrue();
            assertThat(stop.reason()).hasValueSatisfying(why -> assertThat(why).contains("stopped answering"));
            assertThat(said).anySatisfy(line -> assertThat(line).contains("ada could not be graded"));
        }
    }

    @Test
    void aServerThatComesBackGradesTheLearnerAgainAndKeepsTheirPoints() {
        AtomicInteger calls = new AtomicInteger();
        Runnable downOnce = () -> {
            if (calls.incrementAndGet() == 1) {
                up.set(false);
                new Thread(() -> {
                    sleep(700);
                    up.set(true);
                }).start();
            }
        };
        BatchStop stop = new BatchStop();
        try (InstructorGrading grading = grading(grader(downOnce), stop)) {
            GradebookRow row = grading.grade(new LearnerId("ada"), LearnerStatus.COMPLETED, System.nanoTime());

            assertThat(row.status()).isEqualTo(LearnerStatus.COMPLETED);
            assertThat(row.score()).isEqualTo(10);
            assertThat(gradings.get()).as("graded a second time once the server answered").isEqualTo(2);
            assertThat(stop.stopped()).isFalse();
        }
    }

    @Test
    void aStoppedBatchStartsNoLearnerStillQueuedAndSaysHowManyAreLeft(@TempDir Path dir) {
        BatchStop stop = new BatchStop();
        Gradebook gradebook = new Gradebook(dir.resolve("lab01.csv"));
        gradebook.open("lab01", false);
        StringWriter out = new StringWriter();
        List<String> started = new ArrayList<>();

        new ClassGrading(gradebook, 1, new PrintWriter(out, true), false).gradeAll(List.of("a", "b", "c"), learner -> {
            started.add(learner);
            stop.stop("the MLflow server stopped answering");
            return new GradebookRow(learner, "lab01", 0, 0, LearnerStatus.GRADER_ERROR, 0.1);
        }, stop);

        assertThat(started).containsExactly("a");
        assertThat(gradebook.read()).extracting(GradebookRow::learner).containsExactly("a");
        assertThat(out.toString()).contains("2 learners were not started", "the MLflow server stopped answering");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
