package org.mllabs.runtime.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.MlflowServerExtension;

@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class DatasetInputsIT {

    private static LabMlflow mlflow;

    @BeforeAll
    static void connect(MlflowServer server) {
        mlflow = LabMlflow.open(server.trackingUri());
    }

    @AfterAll
    static void close() {
        mlflow.close();
    }

    @Test
    void loggedInputsComeBackWithTheirContext() {
        String runId = TestRuns.newRun(mlflow, "datasets");
        DatasetInput training = new DatasetInput("churn_train", "a1b2c3d4", "delta_table",
                "{\"path\": \"/data/churn\", \"delta_table_version\": 3}",
                "{\"mlflow_colspec\": [{\"type\": \"double\", \"name\": \"tenure\", \"required\": true}]}",
                "{\"approx_count\": 400}",
                "training");
        DatasetInput evaluation = new DatasetInput("churn_test", "e5f6a7b8", "local", "{\"uri\": \"/data/test\"}",
                null, null, "evaluation");

        mlflow.datasets().log(runId, List.of(training, evaluation));

        assertThat(mlflow.datasets().of(runId)).containsExactlyInAnyOrder(training, evaluation);
    }

    @Test
    void aRunWithoutInputsHasNone() {
        String runId = TestRuns.newRun(mlflow, "datasets");

        assertThat(mlflow.datasets().of(runId)).isEmpty();
    }
}
