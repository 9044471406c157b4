package org.mllabs.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.server.ContainerEngine;
import org.mllabs.runtime.server.LocalMlflowProcess;
import org.mllabs.runtime.server.MlflowContainer;
import org.mllabs.runtime.server.MlflowServer;

/**
 * Starts one real MLflow server for the whole test JVM and hands it to tests as an {@link MlflowServer} parameter.
 *
 * <p>By default the server runs in a {@link MlflowContainer}; {@code MLLABS_TEST_SERVER=process} runs
 * {@code mlflow server} from {@code PATH} instead (for machines whose container engine does not work). The server
 * is stopped when the JVM's tests are done.
 */
public final class MlflowServerExtension implements BeforeAllCallback, ParameterResolver {

    /** The variable that chooses how tests get their server: {@code container} (default) or {@code process}. */
    public static final String TEST_SERVER_VARIABLE = "MLLABS_TEST_SERVER";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MlflowServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MlflowServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context).server;
    }

    private static SharedServer shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedServer.class, key -> SharedServer.start(), SharedServer.class);
    }

    /** The server and what must be stopped with it. */
    private static final class SharedServer implements AutoCloseable {

        private final MlflowServer server;
        private final AutoCloseable stopper;

        private SharedServer(MlflowServer server, AutoCloseable stopper) {
            this.server = server;
            this.stopper = stopper;
        }

        static SharedServer start() {
            LabEnvironment environment = LabEnvironment.current();
            Path state = temporaryState();
            String kind = environment.get(TEST_SERVER_VARIABLE).orElse("container");
            if (kind.equals("process")) {
                Path mlflow = environment.findExecutable("mlflow").orElseThrow(() -> new IllegalStateException(
                        TEST_SERVER_VARIABLE + "=process but `mlflow` is not on PATH"));
                int port = freePort();
                Process process = LocalMlflowProcess.start(mlflow, state, port, state.resolve("mlflow-server.log"));
                return new SharedServer(new MlflowServer(URI.create("http://127.0.0.1:" + port),
                        MlflowServer.Provider.LOCAL_PROCESS, "test process " + process.pid()),
                        () -> LocalMlflowProcess.stop(process.pid()));
            }
            if (!ContainerEngine.isAvailable()) {
                EngineRequirement.unmet(environment, "No container engine answers, so the tests that need a real "
                        + "MLflow server cannot run. Start Docker, or run `bash lab-runtime/environment/setup.sh` "
                        + "(Podman, Debian, root), or set " + TEST_SERVER_VARIABLE + "=process with `mlflow` on PATH.");
            }
            MlflowContainer container = new MlflowContainer(ContainerEngine.chooseImage(environment))
                    .withStateDirectory(state);
            container.start();
            return new SharedServer(new MlflowServer(URI.create(container.getTrackingUri()),
                    MlflowServer.Provider.CONTAINER, "test container " + container.getContainerId()), container::stop);
        }

        @Override
        public void close() throws Exception {
            stopper.close();
        }

        private static Path temporaryState() {
            try {
                return Files.createTempDirectory("mllabs-test-mlflow");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static int freePort() {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
