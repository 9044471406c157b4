package org.mllabs.runtime.server;

import java.nio.file.Path;
import java.time.Duration;
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

    /** The tracking URI for clients on this host, such as {@code http://localhost:32768}. */
    public String getTrackingUri() {
        return "http://" + getHost() + ":" + getMappedPort(MLFLOW_PORT);
    }
}
