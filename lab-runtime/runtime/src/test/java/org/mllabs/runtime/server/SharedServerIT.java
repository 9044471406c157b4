package org.mllabs.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.ExperimentAuthorship;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.LearnerAccounts;
import org.mllabs.runtime.mlflow.LearnerLabReset;
import org.mllabs.runtime.mlflow.MlflowApiException;
import org.mllabs.runtime.mlflow.MlflowCredentials;
import org.mllabs.runtime.mlflow.MlflowUsers;
import org.mllabs.runtime.testing.EngineRequirement;

/**
 * A shared class server with MLflow's own authentication, against the real server in a container: one learner tries
 * every way to spoil or take another's work through the REST API, and the server refuses each with 403 while the
 * victim's run keeps its score, tags and artifacts, as the admin (whom graders read as) sees them.
 */
@Tag("integration")
class SharedServerIT {

    private static final String LAB = "lab01";
    private static final LearnerId ALICE = new LearnerId("alice");
    private static final LearnerId BOB = new LearnerId("bob");

    @TempDir
    static Path home;

    private static MlflowServers servers;
    private static MlflowServer server;
    private static SharedServerAuth auth;
    private static LearnerAccounts.Account aliceAccount;
    private static LabMlflow admin;
    private static LabMlflow alice;
    private static LabMlflow bob;
    private static String aliceExperiment;
    private static String aliceRun;

    @BeforeAll
    static void startServerAndLogAlicesRun() {
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.remove(LabEnvironment.MLFLOW_TRACKING_URI);
        LabEnvironment environment = new LabEnvironment(variables);
        if (!ContainerEngine.isAvailable()) {
            EngineRequirement.unmet(environment, "no container engine answers; see lab-runtime/environment/README.md");
        }
        List<String> announced = new ArrayList<>();
        servers = new MlflowServers(new LabHome(home), environment, announced::add);
        auth = SharedServerAuth.loadOrCreate(home.resolve("shared/server-auth.properties"));
        server = servers.upShared(OptionalInt.empty(), "127.0.0.1", auth);
        admin = LabMlflow.open(server.trackingUri(), Optional.of(auth.admin()));
        LearnerAccounts accounts = new LearnerAccounts(admin);
        Path credentials = home.resolve("shared/credentials");
        aliceAccount = accounts.open(ALICE, List.of(LAB), server.trackingUri(), credentials);
        LearnerAccounts.Account bobAccount = accounts.open(BOB, List.of(LAB), server.trackingUri(), credentials);
        alice = openAs(aliceAccount);
        bob = openAs(bobAccount);

        aliceExperiment = alice.client().createExperiment(ALICE.experimentName(LAB));
        aliceRun = alice.client().createRun(aliceExperiment).getRunId();
        alice.client().logMetric(aliceRun, "score", 110);
        alice.client().setTag(aliceRun, LearnerId.TAG, ALICE.value());
        alice.artifacts().upload(aliceRun, "answer.txt", "alice's own".getBytes(StandardCharsets.UTF_8));
    }

    /** Opens the server the way a learner's lab does: with the credentials file named by MLLABS_CREDENTIALS. */
    private static LabMlflow openAs(LearnerAccounts.Account account) {
        LabEnvironment environment = LabEnvironment.withCredentialsFile(
                Map.of(LabEnvironment.MLLABS_CREDENTIALS, account.credentialsFile().toString()));
        assertThat(environment.get(LearnerId.MLLABS_LEARNER)).contains(account.learner().value());
        return LabMlflow.open(server.trackingUri(), MlflowCredentials.from(environment));
    }

    @AfterAll
    static void stopServer() {
        for (LabMlflow mlflow : new LabMlflow[] {alice, bob, admin}) {
            if (mlflow != null) {
                mlflow.close();
            }
        }
        if (servers != null) {
            servers.down();
        }
    }

    @Test
    void aRequestWithoutCredentialsIsRefused() {
        try (LabMlflow anonymous = LabMlflow.open(server.trackingUri(), Optional.empty())) {
            assertRefused(() -> anonymous.rest().get("runs/get", Map.of("run_id", aliceRun)), 401);
        }
        assertThat(SharedServerAuth.isRequiredBy(server.trackingUri())).isTrue();
    }

    @Test
    void anotherLearnerCannotDeleteTheRunOrTheExperiment() {
        assertRefused(() -> bob.rest().post("runs/delete", Map.of("run_id", aliceRun)), 403);
        assertRefused(() -> bob.rest().post("experiments/delete", Map.of("experiment_id", aliceExperiment)), 403);
        assertAlicesRunUnchanged();
    }

    @Test
    void anotherLearnerCannotOverwriteMetricsTagsOrArtifacts() {
        assertRefused(() -> bob.rest().post("runs/log-metric", Map.of("run_id", aliceRun, "key", "score",
                "value", 10, "timestamp", 1)), 403);
        assertRefused(() -> bob.rest().post("runs/set-tag", Map.of("run_id", aliceRun, "key", LearnerId.TAG,
                "value", BOB.value())), 403);
        assertRefused(() -> bob.rest().putArtifact(aliceExperiment + "/" + aliceRun + "/artifacts/answer.txt",
                "bob's".getBytes(StandardCharsets.UTF_8)), 403);
        assertRefused(() -> bob.rest().post("runs/create", Map.of("experiment_id", aliceExperiment)), 403);
        assertAlicesRunUnchanged();
    }

    @Test
    void anotherLearnerCannotReadTheRunToCopyIt() {
        assertRefused(() -> bob.rest().get("runs/get", Map.of("run_id", aliceRun)), 403);
        assertRefused(() -> bob.rest().getArtifact(aliceExperiment + "/" + aliceRun + "/artifacts/answer.txt"), 403);
        assertThat(bob.client().searchRuns(List.of(aliceExperiment), "")).isEmpty();
        assertThat(bob.activeExperiment(ALICE.experimentName(LAB))).isEmpty();
    }

    @Test
    void anotherLearnerCannotGrantThemselvesAccessNorTakeTheExperimentsName() {
        MlflowUsers asBob = new MlflowUsers(bob.rest());
        assertRefused(() -> asBob.grantOnExperiment(BOB.value(), aliceExperiment, MlflowUsers.Permission.EDIT), 403);
        assertThatThrownBy(() -> bob.rest().post("experiments/create", Map.of("name", ALICE.experimentName(LAB))))
                .isInstanceOf(MlflowApiException.class);
        MlflowUsers asAdmin = new MlflowUsers(admin.rest());
        assertThat(asAdmin.permissionOnExperiment(BOB.value(), aliceExperiment))
                .isEqualTo(MlflowUsers.Permission.NO_PERMISSIONS);
        assertThat(asAdmin.permissionOnExperiment(ALICE.value(), aliceExperiment))
                .isEqualTo(MlflowUsers.Permission.MANAGE);
    }

    @Test
    void anotherLearnersResetDeletesNothingOfTheVictim() {
        LearnerLabReset.Deleted deleted = new LearnerLabReset(bob).reset(LAB, ALICE);
        assertThat(deleted.any()).isFalse();
        assertAlicesRunUnchanged();
    }

    @Test
    void theAdminResetsALearnersLabAndSeesWhoIsWho() {
        String bobsExperiment = bob.client().createExperiment(BOB.experimentName(LAB));
        String bobsRun = bob.client().createRun(bobsExperiment).getRunId();
        assertThat(admin.client().getRun(bobsRun).getInfo().getExperimentId()).isEqualTo(bobsExperiment);
        assertThat(new MlflowUsers(admin.rest()).current().admin()).isTrue();
        assertThat(new MlflowUsers(bob.rest()).current()).isEqualTo(new MlflowUsers.User(BOB.value(), false));

        LearnerLabReset.Deleted deleted = new LearnerLabReset(admin).reset(LAB, BOB);

        assertThat(deleted.runs()).isEqualTo(1);
        assertThat(deleted.experiment()).isTrue();
        assertAlicesRunUnchanged();
    }

    @Test
    void theServersRecordNotTheNameOrTheTagsSaysWhoseWorkAnExperimentHolds() {
        ExperimentAuthorship authorship = new ExperimentAuthorship(admin);
        assertThat(authorship.problem(aliceExperiment, ALICE)).isEmpty();
        assertThat(authorship.problem(aliceExperiment, BOB)).hasValueSatisfying(problem ->
                assertThat(problem).contains("no write permission of bob"));

        String squatted = bob.client().createExperiment(ALICE.experimentName("lab02"));
        String squattedRun = bob.client().createRun(squatted).getRunId();
        bob.client().setTag(squattedRun, LearnerId.TAG, ALICE.value());
        assertThat(authorship.problem(squatted, ALICE)).hasValueSatisfying(problem ->
                assertThat(problem).contains("another user created it"));
        assertThat(new LearnerAccounts(admin).open(ALICE, List.of("lab02"), server.trackingUri(),
                aliceAccount.credentialsFile().getParent()).foreignExperiments())
                .containsExactly(ALICE.experimentName("lab02"));

        String shared = alice.client().createExperiment(ALICE.experimentName("lab03"));
        new MlflowUsers(alice.rest()).grantOnExperiment(BOB.value(), shared, MlflowUsers.Permission.EDIT);
        assertThat(authorship.problem(shared, ALICE)).hasValueSatisfying(problem ->
                assertThat(problem).contains("other users may write to it as well (bob)"));
    }

    @Test
    void openingAnAccountAgainKeepsTheLearnersPassword() {
        LearnerAccounts.Account again = new LearnerAccounts(admin).open(ALICE, List.of(LAB), server.trackingUri(),
                aliceAccount.credentialsFile().getParent());
        assertThat(again.userCreated()).isFalse();
        assertThat(again.foreignExperiments()).isEmpty();
        try (LabMlflow reopened = openAs(again)) {
            assertThat(reopened.client().getRun(aliceRun).getInfo().getRunId()).isEqualTo(aliceRun);
        }
    }

    /** Alice's score, learner tag, artifact and lifecycle, as the admin (the graders' view) reads them. */
    private static void assertAlicesRunUnchanged() {
        Run run = admin.client().getRun(aliceRun);
        assertThat(run.getInfo().getLifecycleStage()).isEqualTo("active");
        assertThat(run.getData().getMetricsList()).singleElement()
                .satisfies(metric -> assertThat(metric.getValue()).isEqualTo(110.0));
        assertThat(admin.client().getMetricHistory(aliceRun, "score")).hasSize(1);
        assertThat(run.getData().getTagsList()).filteredOn(tag -> tag.getKey().equals(LearnerId.TAG))
                .singleElement().satisfies(tag -> assertThat(tag.getValue()).isEqualTo(ALICE.value()));
        assertThat(new String(admin.artifacts().download(aliceRun, "answer.txt"), StandardCharsets.UTF_8))
                .isEqualTo("alice's own");
    }

    private static void assertRefused(ThrowingCallable call, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MlflowApiException.class,
                refusal -> assertThat(refusal.status()).isEqualTo(status));
    }
}
