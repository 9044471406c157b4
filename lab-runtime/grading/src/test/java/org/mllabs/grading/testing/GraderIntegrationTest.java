package org.mllabs.grading.testing;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mllabs.grading.Grader;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.MlflowServerExtension;
import org.mllabs.runtime.testing.Mutant;
import org.mllabs.runtime.testing.SparkExtension;

/**
 * What every grader's integration test shares: a real MLflow server and the test JVM's Spark session, a fresh
 * {@link GraderHarness} for the grader under test in each test, and one test per mutant kept in its module's
 * {@link GraderModule#mutants()}, which must lose exactly its points with its hint, and one per valid alternative
 * kept there, which must keep full marks. A grader's {@code *GraderIT} extends it and adds its solution and starter
 * tests; a grader module with Python checks ({@link GraderModule#pythonChecks()}) also has its pytest files run
 * against the solution's output ({@link GraderHarness#assertSolutionEarnsFullMarks}).
 *
 * <p>Every grader's tests run in one JVM ({@code graders/suite}), and may run at the same time
 * ({@link ExecutionMode#CONCURRENT}; {@code graders/pom.xml} runs as many as the machine has cores): each runs its lab
 * for a learner of its own, in folders of its own and on a Spark session of its own
 * ({@link org.mllabs.runtime.testing.LabFixture}), and grades it in a grading session of its own.
 */
@Tag("integration")
@Execution(ExecutionMode.CONCURRENT)
@ExtendWith({MlflowServerExtension.class, SparkExtension.class, GraderModule.Resolver.class})
public abstract class GraderIntegrationTest {

    /** Runs and grades submissions for the test; new for each test. */
    protected GraderHarness harness;

    /** The grader under test. */
    protected abstract Grader grader();

    @BeforeEach
    void setUpHarness(GraderModule module, MlflowServer server, SparkSession spark, @TempDir Path work) {
        harness = new GraderHarness(grader(), module, server, spark, work);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.mllabs.grading.testing.GraderHarness#mutants")
    void aWrongSubmissionLosesExactlyTheIntendedPoints(Mutant mutant) {
        harness.assertLosesExactlyTheIntendedPoints(mutant);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.mllabs.grading.testing.GraderHarness#validAlternatives")
    void aValidAlternativeKeepsFullMarks(Mutant alternative) {
        harness.assertKeepsFullMarks(alternative);
    }
}
