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
 * container.
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

    /** The one host address the port is published on, if {@link #withPublishedPort} named one. */
    private String publishedAddress;

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

    /**
     * Publishes the server's port on one address of this host and one port, such as {@code 127.0.0.1} (this machine
     * only) or {@code 0.0.0.0} (every interface, for a class).
     */
    public MlflowContainer withPublishedPort(String address, int hostPort) {
        this.publishedAddress = address;
        setPortBindings(List.of(address + ":" + hostPort + ":" + MLFLOW_PORT));
        return this;
    }

    /**
     * Where this host reaches the container: the address the port is published on when that is a single one, since
     * the engine's own address (which Testcontainers answers otherwise) does not carry it.
     */
    @Override
    public String getHost() {
        if (publishedAddress == null || publishedAddress.equals("0.0.0.0") || publishedAddress.equals("::")) {
            return super.getHost();
        }
        return publishedAddress;
    }

    /** The tracking URI for clients on this host, such as {@code http://localhost:32768}. */
    public String getTrackingUri() {
        return "http://" + getHost() + ":" + getMappedPort(MLFLOW_PORT);
    }
}
