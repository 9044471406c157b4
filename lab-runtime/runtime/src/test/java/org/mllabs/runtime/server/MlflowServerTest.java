package org.mllabs.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class MlflowServerTest {

    @Test
    void anExperimentsLinkOpensTheRunsTabOfTheUi() {
        MlflowServer server = new MlflowServer(URI.create("http://127.0.0.1:5000"), MlflowServer.Provider.CONTAINER,
                "a test");

        assertThat(server.experimentUrl("7")).isEqualTo("http://127.0.0.1:5000/#/experiments/7/runs");
    }
}
