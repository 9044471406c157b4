package org.mllabs.runtime.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArtifactUrisTest {

    @Test
    void mapsARunsProxiedArtifactRoot() {
        assertThat(ArtifactUris.proxyPath("mlflow-artifacts:/1/0a1b2c/artifacts")).isEqualTo("1/0a1b2c/artifacts");
    }

    @Test
    void ignoresTheAuthorityOfAProxiedUri() {
        assertThat(ArtifactUris.proxyPath("mlflow-artifacts://localhost:5000/7/run9/artifacts/model/"))
                .isEqualTo("7/run9/artifacts/model");
    }

    @Test
    void refusesALocalPathWithAMessageThatSaysHowToGetAProxiedRoot() {
        assertThatThrownBy(() -> ArtifactUris.proxyPath("file:///var/mlruns/1/abc/artifacts"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file:///var/mlruns/1/abc/artifacts")
                .hasMessageContaining("--artifacts-destination")
                .hasMessageContaining("mlflow-artifacts:/");
    }

    @Test
    void refusesAPlainPath() {
        assertThatThrownBy(() -> ArtifactUris.proxyPath("/tmp/artifacts"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void joinsWithSingleSlashesAndSkipsEmptyParts() {
        assertThat(ArtifactUris.join("1/run/artifacts/", "", "/model/", "MLmodel"))
                .isEqualTo("1/run/artifacts/model/MLmodel");
        assertThat(ArtifactUris.join("", "")).isEmpty();
    }
}
