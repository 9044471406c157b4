package org.mllabs.graders.lab10;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunData;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mllabs.runtime.automl.AutoMl;
import org.mllabs.runtime.search.MlflowTrialLogger;

/** A machine too busy for two trials is an environment failure; a shortfall of the learner's making is not. */
class MachineTooBusyTest {

    private static final Run LAB_BUDGET = run(RunStatus.FINISHED, Map.of("budget_seconds", "30.0"), Map.of());

    private static Run run(RunStatus status, Map<String, String> params, Map<String, String> tags) {
        RunData.Builder data = RunData.newBuilder();
        params.forEach((key, value) -> data.addParams(Param.newBuilder().setKey(key).setValue(value)));
        tags.forEach((key, value) -> data.addTags(RunTag.newBuilder().setKey(key).setValue(value)));
        return Run.newBuilder().setInfo(RunInfo.newBuilder().setStatus(status)).setData(data).build();
    }

    private static Run finished(String estimator) {
        return run(RunStatus.FINISHED, Map.of("estimator", estimator), Map.of());
    }

    private static Run stopped(String estimator) {
        return run(RunStatus.FAILED, Map.of("estimator", estimator),
                Map.of(MlflowTrialLogger.FAILURE_TAG, AutoMl.STOPPED_AT_BUDGET));
    }

    @Test
    void oneTrialFinishedAndTheLabBudgetStoppedTheOthersIsTheMachines() {
        assertThat(AutoMlGrader.machineTooBusy(LAB_BUDGET, List.of(finished("random_forest"), stopped("gbt"))))
                .hasValueSatisfying(why -> assertThat(why).contains("finished 1 trial(s) of [random_forest]")
                        .contains("stopped 1 more").contains("says nothing of your work"));
        assertThat(AutoMlGrader.machineTooBusy(LAB_BUDGET, List.of(stopped("random_forest"), stopped("gbt"))))
                .isPresent();
        assertThat(AutoMlGrader.machineTooBusy(LAB_BUDGET,
                List.of(finished("gbt"), finished("gbt"), stopped("random_forest")))).isPresent();
    }

    @Test
    void enoughTrialsOrAShortfallOfTheLearnersIsNot() {
        assertThat(AutoMlGrader.machineTooBusy(LAB_BUDGET,
                List.of(finished("random_forest"), finished("gbt"), stopped("decision_tree")))).isEmpty();
        assertThat(AutoMlGrader.machineTooBusy(LAB_BUDGET, List.of(finished("random_forest"))))
                .as("a single trial the search was allowed, none stopped").isEmpty();
        Run otherBudget = run(RunStatus.FINISHED, Map.of("budget_seconds", "5.0"), Map.of());
        assertThat(AutoMlGrader.machineTooBusy(otherBudget, List.of(finished("random_forest"), stopped("gbt"))))
                .as("a budget of the learner's choosing").isEmpty();
    }
}
