package org.mllabs.runtime.mlflow;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mllabs.runtime.server.MlflowServerException;

class MlflowRestClientTest {

    @Test
    void aServerThatIsNotThereGivesAMessageNamingTheTrackingUriAndTheRequest() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        MlflowRestClient rest = new MlflowRestClient(URI.create("http://127.0.0.1:" + port));

        assertThatThrownBy(() -> rest.get("registered-models/get", Map.of("name", "churn")))
                .isInstanceOf(MlflowServerException.class)
                .hasMessageContaining("http://127.0.0.1:" + port)
                .hasMessageContaining("GET registered-models/get")
                .hasMessageContaining("connection refused");
    }
}
