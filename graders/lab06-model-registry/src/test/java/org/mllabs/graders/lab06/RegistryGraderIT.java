package org.mllabs.graders.lab06;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.testing.GraderIntegrationTest;
import org.mllabs.grading.testing.ModelsToScore;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.audit.AuditedCatalogRegistry;
import org.mllabs.runtime.audit.ModelLoad;
import org.mllabs.runtime.mlflow.ModelVersion;
import org.mllabs.runtime.mlflow.RunData;
import org.mllabs.runtime.mlflow.RunSystemTags;

/** Lab 06 graded end to end against a real MLflow server: the solution, the untouched starter, and wrong work. */
class RegistryGraderIT extends GraderIntegrationTest {

    @Override
    protected Grader grader() {
        return new RegistryGrader();
    }

    @Test
    void theReferenceSolutionEarnsFullMarks() {
        GradeReport report = harness.assertSolutionEarnsFullMarks(ModelsToScore.registeredVersions());

        assertTheRegistryHoldsWhatTheGraderPassed(new LearnerId(report.learner()));
    }

    /**
     * Three versions from three runs, each tagged with its AUC on the recorded evaluation rows, @Champion on the
     * version that scores best, every run with the learner and the lab's entry class (lab.yaml) as its system tags, a
     * stage shown for contrast, the one refusal the runtime recorded (catalog mode refusing the two-part name), and the
     * loads it recorded: each version by number, then the batch's model through @Champion, resolved to the champion.
     */
    private void assertTheRegistryHoldsWhatTheGraderPassed(LearnerId learner) {
        try (GradingContext context = harness.context(learner)) {
            RegistryEvidence truth = RegistryEvidence.of(context);
            assertThat(truth.name()).startsWith("mllabs.").endsWith(".churn_classifier");
            assertThat(truth.versions()).extracting(ModelVersion::runId).doesNotHaveDuplicates()
                    .hasSize(RegistryGrader.FEATURE_SETS.size());
            String champion = truth.model().orElseThrow().aliases().get("Champion");
            double championAuc = truth.heldOutAuc(champion).orElseThrow();
            for (ModelVersion version : truth.versions()) {
                assertThat(truth.heldOutAuc(version.version()).orElseThrow()).isLessThanOrEqualTo(championAuc);
            }
            assertThat(champion).as("the given data make the second candidate the best").isEqualTo("2");
            for (ModelVersion version : truth.versions()) {
                double scored = truth.evaluationAuc(version.version(), truth.evaluationRows(version).orElseThrow())
                        .orElseThrow();
                assertThat(Double.parseDouble(version.tags().get(RegistryGrader.AUC_TAG)))
                        .isCloseTo(scored, within(RegistryGrader.AUC_TOLERANCE));
            }
            assertThat(truth.runs().runs("")).isNotEmpty().allSatisfy(run -> assertThat(RunData.tags(run))
                    .containsEntry(RunSystemTags.USER, learner.value())
                    .containsEntry(RunSystemTags.SOURCE_NAME, "org.mllabs.lab06.RegistryLab")
                    .containsEntry(RunSystemTags.SOURCE_TYPE, RunSystemTags.LOCAL));
            assertThat(truth.registry().getModelVersion(truth.name(), champion).currentStage())
                    .isEqualTo("Production");
            String models = "models:/" + truth.name();
            assertThat(truth.loads().all()).extracting(ModelLoad::uri, ModelLoad::version).containsExactly(
                    tuple(models + "/1", "1"), tuple(models + "/2", "2"), tuple(models + "/3", "3"),
                    tuple(models + "@Champion", champion));
            assertThat(truth.refusals().all()).singleElement().satisfies(refusal -> {
                assertThat(refusal.operation()).isEqualTo(AuditedCatalogRegistry.CREATE_MODEL);
                assertThat(refusal.target()).isEqualTo(truth.twoPartName());
                assertThat(refusal.exceptionClass()).isEqualTo(IllegalArgumentException.class.getName());
            });
        }
    }

    @Test
    void theUntouchedStarterStopsAtStepOneAndEarnsNothingWithAHintForEveryStep() {
        GradeReport report = harness.assertStarterEarnsAtMost(0);

        assertThat(report.outcome("lab06.step1").result().status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(report.outcome("lab06.step1").result().detail())
                .contains("mllabs." + report.learner() + ".churn_classifier");
    }
}
