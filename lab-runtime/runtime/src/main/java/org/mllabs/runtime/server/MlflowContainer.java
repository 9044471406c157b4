package org.mllabs.runtime.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * An MLflow tracking server in a container: SQLite backend store and proxied artifacts, both under
 * {@link #STATE_PATH}, which {@link #withStateDirectory(Path)} binds to a host directory so the state outlives the
 * container. The port is published on {@link ListenAddress#LOOPBACK} unless {@link #withListenAddress} says otherwise:
 * the server has no authentication, so only this machine may reach it.
 *
 * <pre>{@code
 * try (MlflowContainer mlflow = new MlflowContainer(MlflowContainer.DEFAULT_IMAGE)) {
 *     mlflow.start();
 *     MlflowClient client = new MlflowClient(mlflow.getTrackingUri());
 * }
 * }</pre>
 */
public class MlflowContainer extends GenericContainer<MlflowContainer> {

    /** The official image, at the pinned version. */
    public static final DockerImageName DEFAULT_IMAGE =
            DockerImageName.parse("ghcr.io/mlflow/mlflow").withTag("v" + MlflowServerVersion.mlflow());

    /** The image built locally from Debian and PyPI where no registry can be reached. */
    public static final DockerImageName LOCAL_IMAGE =
            DockerImageName.parse("localhost/mllabs/mlflow").withTag(MlflowServerVersion.mlflow());

    /** The port the server listens on inside the container. */
    public static final int MLFLOW_PORT = 5000;

    /** Where the database and the artifacts live inside the container. */
    public static final String STATE_PATH = "/mlflow-state";

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    private ListenAddress listenAddress = ListenAddress.LOOPBACK;
    private Integer hostPort;

    /**
     * A container of the given image, which must run {@code mlflow} like the official one.
     *
     * @param image the official image or a compatible one
     */
    public MlflowContainer(DockerImageName image) {
        super(image.asCompatibleSubstituteFor(DEFAULT_IMAGE.getUnversionedPart()));
        withExposedPorts(MLFLOW_PORT);
        withCommand(MlflowServerCommand.of("mlflow", "0.0.0.0", MLFLOW_PORT, STATE_PATH).toArray(String[]::new));
        withEnv(MlflowServerCommand.ENVIRONMENT);
        waitingFor(Wait.forHttp("/health").forPort(MLFLOW_PORT).withStartupTimeout(STARTUP_TIMEOUT));
    }

    /** Keeps the server's database and artifacts in a host directory. */
    public MlflowContainer withStateDirectory(Path hostDirectory) {
        return withFileSystemBind(hostDirectory.toAbsolutePath().toString(), STATE_PATH, BindMode.READ_WRITE);
    }

    /**
     * Runs MLflow's own authentication ({@code --app-name basic-auth}) with these settings: every request then needs a
     * user's credentials, and a user sees only what they created or were granted. Needs the state directory bound
     * ({@link #withStateDirectory(Path)}), where the configuration and the user store are written.
     */
    public MlflowContainer withBasicAuth(SharedServerAuth auth, Path hostStateDirectory) {
        auth.writeConfig(hostStateDirectory, STATE_PATH);
        List<String> command = new ArrayList<>(MlflowServerCommand.of("mlflow", "0.0.0.0", MLFLOW_PORT, STATE_PATH));
        command.addAll(List.of("--app-name", "basic-auth"));
        auth.serverEnvironment(STATE_PATH).forEach(this::withEnv);
        return withCommand(command.toArray(String[]::new));
    }

    /** Publishes the server's port on this address of the host instead of loopback. */
    public MlflowContainer withListenAddress(ListenAddress address) {
        this.listenAddress = address;
        return self();
    }

    /** Publishes the server's port on this host port instead of a free one. */
    public MlflowContainer withHostPort(int port) {
        this.hostPort = port;
        return self();
    }

    /** Binds the server's port to the listen address, on the chosen host port or a free one. */
    @Override
    protected void configure() {
        setPortBindings(List.of(listenAddress.host() + ":" + (hostPort == null ? "" : hostPort) + ":" + MLFLOW_PORT));
    }

    /**
     * The host clients on this machine reach the server at: for a port published on loopback, {@code localhost} or
     * {@code 127.0.0.1} even where Testcontainers would use another address of this machine (a bridge's gateway, when
     * it believes it runs in a container); for another address, that address.
     */
    @Override
    public String getHost() {
        String engineHost = super.getHost();
        return listenAddress.isLoopback() ? EngineHost.loopbackClientHost(engineHost)
                : listenAddress.clientHost(engineHost);
    }

    /** The tracking URI for clients on this host, such as {@code http://localhost:32768}. */
    public String getTrackingUri() {
        return "http://" + getHost() + ":" + getMappedPort(MLFLOW_PORT);
    }
}
