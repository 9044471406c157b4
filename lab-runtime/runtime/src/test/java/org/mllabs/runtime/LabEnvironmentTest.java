package org.mllabs.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabEnvironmentTest {

    @TempDir
    Path directory;

    @Test
    void theCredentialsFileCompletesTheEnvironmentAndTheProcessWins() throws IOException {
        Path file = Files.writeString(directory.resolve("ada.credentials"), String.join("\n",
                "# a comment",
                "MLFLOW_TRACKING_URI=http://192.168.1.5:5000",
                "MLFLOW_TRACKING_USERNAME=ada",
                "MLLABS_LEARNER=ada",
                ""));

        LabEnvironment environment = LabEnvironment.withCredentialsFile(Map.of(
                LabEnvironment.MLLABS_CREDENTIALS, file.toString(), "MLLABS_LEARNER", "grace"));

        assertThat(environment.get(LabEnvironment.MLFLOW_TRACKING_URI)).contains("http://192.168.1.5:5000");
        assertThat(environment.get("MLFLOW_TRACKING_USERNAME")).contains("ada");
        assertThat(environment.get("MLLABS_LEARNER")).contains("grace");
    }

    @Test
    void withoutACredentialsFileTheEnvironmentIsUnchanged() {
        assertThat(LabEnvironment.withCredentialsFile(Map.of("A", "1")).variables()).isEqualTo(Map.of("A", "1"));
    }

    @Test
    void aMissingCredentialsFileIsNamed() {
        Path missing = directory.resolve("nobody.credentials");
        assertThatThrownBy(() -> LabEnvironment.withCredentialsFile(Map.of(LabEnvironment.MLLABS_CREDENTIALS,
                missing.toString()))).isInstanceOf(UncheckedIOException.class).hasMessageContaining(missing.toString());
    }
}
