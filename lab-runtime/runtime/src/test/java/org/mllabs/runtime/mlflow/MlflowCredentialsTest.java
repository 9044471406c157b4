package org.mllabs.runtime.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mllabs.runtime.LabEnvironment;

class MlflowCredentialsTest {

    @Test
    void theEnvironmentNamesBothTheUserAndThePasswordOrNeither() {
        assertThat(MlflowCredentials.from(new LabEnvironment(Map.of()))).isEmpty();
        assertThat(MlflowCredentials.from(new LabEnvironment(Map.of(MlflowCredentials.USERNAME_VARIABLE, "ada",
                MlflowCredentials.PASSWORD_VARIABLE, "s3cret")))).contains(new MlflowCredentials("ada", "s3cret"));
        assertThatThrownBy(() -> MlflowCredentials.from(new LabEnvironment(Map.of(
                MlflowCredentials.USERNAME_VARIABLE, "ada")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(MlflowCredentials.PASSWORD_VARIABLE);
    }

    @Test
    void thePasswordStaysOutOfMessages() {
        assertThat(new MlflowCredentials("ada", "s3cret").toString()).contains("ada").doesNotContain("s3cret");
    }

    @Test
    void everyKindOfRequestCarriesTheBasicAuthorizationHeader() throws IOException {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            MlflowRestClient rest = new MlflowRestClient(uri, Optional.of(new MlflowCredentials("ada", "s3cret")));
            rest.get("runs/get", Map.of("run_id", "1"));
            rest.post("runs/log-metric", Map.of("run_id", "1"));
            rest.getV3("users/permissions/get", Map.of());
            rest.putArtifact("1/2/artifacts/a.txt", new byte[] {1});
            rest.getArtifact("1/2/artifacts/a.txt");
            rest.listArtifacts("1/2/artifacts");
            new MlflowRestClient(uri).get("runs/get", Map.of("run_id", "1"));
        } finally {
            server.stop(0);
        }
        String header = "Basic " + Base64.getEncoder().encodeToString("ada:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(seen).containsExactly("GET " + header, "POST " + header, "GET " + header, "PUT " + header,
                "GET " + header, "GET " + header, "GET null");
    }
}
