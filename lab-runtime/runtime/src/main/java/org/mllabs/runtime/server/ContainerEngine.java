package org.mllabs.runtime.server;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import java.util.Optional;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.mllabs.runtime.LabEnvironment;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/** The Docker-compatible container engine Testcontainers finds (Docker, or Podman's socket), if any. */
public final class ContainerEngine {

    /** The variable that names another MLflow image. */
    static final String IMAGE_VARIABLE = "MLLABS_MLFLOW_IMAGE";

    /** Where Testcontainers logs its search for an engine. */
    private static final String PROBE_LOGGER = "org.testcontainers.dockerclient";

    private ContainerEngine() {
    }

    /**
     * Whether an engine answers. Testcontainers looks at DOCKER_HOST, ~/.testcontainers.properties and the usual
     * sockets. Its own account of a failed search (a stack trace per socket tried) is silenced: the caller says what
     * to do instead, in one message.
     */
    public static boolean isAvailable() {
        Level previous = LogManager.getLogger(PROBE_LOGGER).getLevel();
        Configurator.setLevel(PROBE_LOGGER, Level.OFF);
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        } finally {
            Configurator.setLevel(PROBE_LOGGER, previous);
        }
    }

    /**
     * The image to run: {@code MLLABS_MLFLOW_IMAGE} if set; else the locally built image when the engine has it
     * (machines that reach no registry); else the official image at the pinned version.
     */
    public static DockerImageName chooseImage(LabEnvironment environment) {
        Optional<String> configured = environment.get(IMAGE_VARIABLE);
        if (configured.isPresent()) {
            return DockerImageName.parse(configured.get());
        }
        return hasImage(MlflowContainer.LOCAL_IMAGE) ? MlflowContainer.LOCAL_IMAGE : MlflowContainer.DEFAULT_IMAGE;
    }

    private static boolean hasImage(DockerImageName image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image.asCanonicalNameString()).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * Kills and removes a container; one that is already gone is fine. MLflow's server ignores SIGTERM, so a polite
     * stop would only wait for the engine's timeout; its data is on the host and nothing is lost.
     *
     * <p>An engine can hold a container as running after its processes ended without it noticing (Podman does, when
     * they are killed from outside): the kill then fails with "container state improper", and the removal still
     * works. If the removal fails too, the exception says how to remove the container by hand.
     */
    static void remove(String containerId) {
        DockerClient client = DockerClientFactory.instance().client();
        try {
            if (isRunning(containerId)) {
                kill(client, containerId);
            }
            client.removeContainerCmd(containerId).withForce(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (DockerException e) {
            throw new MlflowServerException("The container engine could not remove the MLflow container "
                    + containerId + " (" + e.getMessage().strip() + "). Remove it by hand (podman rm -f "
                    + containerId + ", or docker rm -f " + containerId + ") and run the command again; the "
                    + "server's data stays on this machine.", e);
        }
    }

    private static void kill(DockerClient client, String containerId) {
        try {
            client.killContainerCmd(containerId).exec();
        } catch (ConflictException | InternalServerErrorException e) {
            // not running after all (Docker answers 409, Podman 500); the removal cleans up the engine's record
        }
    }

    /**
     * Where the container publishes a port: {@code host:port} as the engine records the binding, such as
     * {@code 0.0.0.0:5000}; empty when the container or the binding is gone.
     */
    static Optional<String> publishedOn(String containerId, int containerPort) {
        try {
            com.github.dockerjava.api.model.Ports.Binding[] bindings = DockerClientFactory.instance().client()
                    .inspectContainerCmd(containerId).exec()
                    .getHostConfig().getPortBindings().getBindings().get(ExposedPort.tcp(containerPort));
            if (bindings == null || bindings.length == 0) {
                return Optional.empty();
            }
            String host = bindings[0].getHostIp() == null || bindings[0].getHostIp().isEmpty()
                    ? ListenAddress.ALL_INTERFACES.host() : bindings[0].getHostIp();
            return Optional.of(host + ":" + bindings[0].getHostPortSpec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Whether the container still exists and runs. */
    static boolean isRunning(String containerId) {
        try {
            Boolean running = DockerClientFactory.instance().client().inspectContainerCmd(containerId).exec()
                    .getState().getRunning();
            return Boolean.TRUE.equals(running);
        } catch (NotFoundException e) {
            return false;
        }
    }
}
