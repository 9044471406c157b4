package org.mllabs.runtime.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Finds or starts the MLflow server a lab talks to, and stops it. Every choice is announced.
 *
 * <p>Order: {@code MLFLOW_TRACKING_URI}; the server recorded in the state directory, if it still answers; a new
 * container when an engine answers; a local {@code mlflow server} when {@code mlflow} is on {@code PATH}; else one
 * error naming the three ways to get a server. {@code MLLABS_SERVER=container} or {@code process} forces a provider.
 */
public final class MlflowServers {

    /** The variable that forces a provider: {@code container} or {@code process}. */
    public static final String PROVIDER_VARIABLE = "MLLABS_SERVER";

    private final LabHome home;
    private final LabEnvironment environment;
    private final Consumer<String> announcer;
    private final BooleanSupplier engineAvailable;

    /**
     * @param home the state directory, whose {@code mlflow/} the server stores its data in
     * @param environment the environment to read
     * @param announcer receives one line for each choice made and each long step
     */
    public MlflowServers(LabHome home, LabEnvironment environment, Consumer<String> announcer) {
        this(home, environment, announcer, ContainerEngine::isAvailable);
    }

    /** As above, with the answer to "does a container engine answer?" given, for tests. */
    MlflowServers(LabHome home, LabEnvironment environment, Consumer<String> announcer,
            BooleanSupplier engineAvailable) {
        this.home = home;
        this.environment = environment;
        this.announcer = announcer;
        this.engineAvailable = engineAvailable;
    }

    /** A running server: the configured one, the recorded one, or a new one on a free port. */
    public MlflowServer connect() {
        return up(OptionalInt.empty());
    }

    /**
     * Like {@link #connect()}, with a port for a new server, which listens on loopback only.
     *
     * @param port the host port a new server listens on; a free one when empty
     */
    public MlflowServer up(OptionalInt port) {
        return up(port, ListenAddress.LOOPBACK);
    }

    /**
     * Like {@link #connect()}, with a port and an address for a new server. A server that is already running is used
     * as it is, whatever address it listens on.
     *
     * @param port the host port a new server listens on; a free one when empty
     * @param address the address of this machine a new server listens on
     */
    public MlflowServer up(OptionalInt port, ListenAddress address) {
        Optional<MlflowServer> configured = configured();
        if (configured.isPresent()) {
            return configured.get();
        }
        return withLock(() -> {
            Optional<ServerRecord> recorded = ServerRecord.read(home.serverRecord());
            if (recorded.isPresent()) {
                MlflowServer server = recorded.get().toServer();
                Optional<String> problem = MlflowHealth.problem(server.trackingUri());
                if (problem.isEmpty()) {
                    announcer.accept("Using the running MLflow server (" + server.detail() + ") at " + server.uiUrl());
                    return server;
                }
                announcer.accept("The MLflow server recorded at " + server.uiUrl() + " no longer answers ("
                        + problem.get() + "); starting a new one.");
                stopRecorded(recorded.get());
            }
            return start(port, address);
        });
    }

    /**
     * A shared class server: MLflow's own authentication with the given settings, in a container whose port is
     * published on the given address only. A server recorded earlier is used again if it requires credentials; one
     * that does not is refused, since it would leave every learner's runs open to every other. This is about the server
     * of the state directory: {@code MLFLOW_TRACKING_URI} plays no part.
     *
     * @param port the host port; a free one when empty
     * @param bindAddress where the port is published, such as {@code 127.0.0.1} or {@code 0.0.0.0}
     * @param auth the admin and key, from {@link SharedServerAuth#loadOrCreate}
     */
    public MlflowServer upShared(OptionalInt port, String bindAddress, SharedServerAuth auth) {
        return withLock(() -> {
            Optional<ServerRecord> recorded = ServerRecord.read(home.serverRecord());
            if (recorded.isPresent() && MlflowHealth.isUp(recorded.get().toServer().trackingUri())) {
                MlflowServer server = recorded.get().toServer();
                if (!SharedServerAuth.isRequiredBy(server.trackingUri())) {
                    throw new MlflowServerException("The MLflow server at " + server.uiUrl() + " runs without "
                            + "authentication. Stop it with `lab down` (its data stays) and run `lab up --shared` "
                            + "again.");
                }
                requirePublishedAsAsked(recorded.get(), port, bindAddress);
                announcer.accept("Using the running shared MLflow server (" + server.detail() + ") at "
                        + server.uiUrl() + publishedOn(recorded.get()).map(on -> ", published on " + on).orElse(""));
                return server;
            }
            recorded.ifPresent(this::stopRecorded);
            if (!engineAvailable.getAsBoolean()) {
                throw new MlflowServerException("A shared server runs in a container, but no container engine "
                        + "answers. Start Docker or Podman's socket (bash lab-runtime/environment/setup.sh).");
            }
            int hostPort = port.orElseGet(Ports::free);
            Ports.requireFree(hostPort);
            return startContainer(OptionalInt.of(hostPort), new ListenAddress(bindAddress),
                    container -> container.withBasicAuth(auth, home.mlflowState()));
        });
    }

    /**
     * A running shared server is used again only where it was asked for: one published on another address or port
     * (such as every interface, when this machine only is asked) is refused rather than kept quietly.
     */
    private static void requirePublishedAsAsked(ServerRecord record, OptionalInt port, String bindAddress) {
        Optional<String> published = publishedOn(record);
        if (published.isEmpty()) {
            return;
        }
        String host = published.get().substring(0, published.get().lastIndexOf(':'));
        String hostPort = published.get().substring(published.get().lastIndexOf(':') + 1);
        boolean sameAddress = host.equals(bindAddress);
        boolean samePort = port.isEmpty() || hostPort.equals(String.valueOf(port.getAsInt()));
        if (!sameAddress || !samePort) {
            throw new MlflowServerException("The running shared MLflow server is published on " + published.get()
                    + ", not on " + bindAddress + (port.isPresent() ? ":" + port.getAsInt() : "") + " as asked. Stop "
                    + "it with `lab down` (its data and users stay) and run `lab up --shared` again with the address "
                    + "you want.");
        }
    }

    private static Optional<String> publishedOn(ServerRecord record) {
        return record.provider() == MlflowServer.Provider.CONTAINER && record.containerId() != null
                ? ContainerEngine.publishedOn(record.containerId(), MlflowContainer.MLFLOW_PORT)
                : Optional.empty();
    }

    /** The server that is up now, without starting one. */
    public Optional<MlflowServer> running() {
        Optional<String> uri = environment.get(LabEnvironment.MLFLOW_TRACKING_URI);
        if (uri.isPresent()) {
            MlflowServer server = new MlflowServer(URI.create(uri.get()), MlflowServer.Provider.TRACKING_URI,
                    "MLFLOW_TRACKING_URI");
            return MlflowHealth.isUp(server.trackingUri()) ? Optional.of(server) : Optional.empty();
        }
        return ServerRecord.read(home.serverRecord()).map(ServerRecord::toServer)
                .filter(server -> MlflowHealth.isUp(server.trackingUri()));
    }

    /**
     * Stops the server an earlier command started and forgets it. The data in the state directory stays.
     *
     * @return the recorded server and whether it was still running, if a server was recorded
     * @throws MlflowServerException when the recorded container cannot be reached because no container engine answers;
     *         the record is kept so that the next {@code down} can stop it
     */
    public Optional<ServerStop> down() {
        return withLock(() -> {
            Optional<ServerRecord> recorded = ServerRecord.read(home.serverRecord());
            if (recorded.isEmpty()) {
                return Optional.empty();
            }
            ServerRecord record = recorded.get();
            if (record.provider() == MlflowServer.Provider.CONTAINER && !engineAvailable.getAsBoolean()) {
                throw new MlflowServerException("No container engine answers, so the MLflow container "
                        + record.toServer().detail() + " cannot be reached to stop it (it may have stopped with the "
                        + "engine). Start the engine (Docker, or Podman's socket: bash "
                        + "lab-runtime/environment/setup.sh) and run `lab down` again; " + home.serverRecord()
                        + " still records it.");
            }
            boolean wasRunning = stopRecorded(record);
            return Optional.of(new ServerStop(record.toServer(),
                    wasRunning ? ServerStop.Outcome.STOPPED : ServerStop.Outcome.ALREADY_GONE));
        });
    }

    private Optional<MlflowServer> configured() {
        Optional<String> uri = environment.get(LabEnvironment.MLFLOW_TRACKING_URI);
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        URI trackingUri;
        try {
            trackingUri = URI.create(uri.get());
        } catch (IllegalArgumentException e) {
            throw new MlflowServerException("MLFLOW_TRACKING_URI is not a URL: " + uri.get()
                    + ". Set it to the server's address, such as http://localhost:5000, or unset it.", e);
        }
        Optional<String> problem = MlflowHealth.problem(trackingUri);
        if (problem.isPresent()) {
            throw new MlflowServerException("The MLflow server at " + trackingUri + " (from MLFLOW_TRACKING_URI) "
                    + "does not answer: " + problem.get() + ". Start that server, correct MLFLOW_TRACKING_URI, "
                    + "or unset it so that mllabs starts its own server.");
        }
        announcer.accept("Using the MLflow server at " + trackingUri + " (from MLFLOW_TRACKING_URI)");
        return Optional.of(new MlflowServer(trackingUri, MlflowServer.Provider.TRACKING_URI, "MLFLOW_TRACKING_URI"));
    }

    private MlflowServer start(OptionalInt port, ListenAddress address) {
        port.ifPresent(Ports::requireFree);
        String forced = environment.get(PROVIDER_VARIABLE).map(v -> v.toLowerCase(Locale.ROOT)).orElse("auto");
        switch (forced) {
            case "container" -> {
                if (!engineAvailable.getAsBoolean()) {
                    throw new MlflowServerException(PROVIDER_VARIABLE + "=container, but no container engine answers. "
                            + "Start Docker or Podman's socket (bash lab-runtime/environment/setup.sh), "
                            + "or unset " + PROVIDER_VARIABLE + ".");
                }
                return startContainer(port, address);
            }
            case "process" -> {
                return startProcess(port, address, environment.findExecutable("mlflow").orElseThrow(() ->
                        new MlflowServerException(PROVIDER_VARIABLE + "=process, but `mlflow` is not on PATH. "
                                + "pip install mlflow==" + MlflowServerVersion.mlflow() + ", or unset "
                                + PROVIDER_VARIABLE + ".")));
            }
            case "auto" -> {
                if (engineAvailable.getAsBoolean()) {
                    return startContainer(port, address);
                }
                Optional<java.nio.file.Path> mlflow = environment.findExecutable("mlflow");
                if (mlflow.isPresent()) {
                    return startProcess(port, address, mlflow.get());
                }
                throw MlflowServerException.noWayToGetAServer(
                        "MLFLOW_TRACKING_URI is unset, no container engine answers, and `mlflow` is not on PATH");
            }
            default -> throw new MlflowServerException(PROVIDER_VARIABLE + "=" + forced
                    + " is not a provider: use container or process, or unset it.");
        }
    }

    private MlflowServer startContainer(OptionalInt port, ListenAddress address) {
        return startContainer(port, address, container -> { });
    }

    private MlflowServer startContainer(OptionalInt port, ListenAddress address, Consumer<MlflowContainer> settings) {
        if (!TestcontainersConfiguration.getInstance().environmentSupportsReuse()) {
            throw new MlflowServerException("The MLflow container must outlive this command, which needs "
                    + "Testcontainers' reuse: run the lab command through lab-runtime/cli/lab (it sets "
                    + "TESTCONTAINERS_REUSE_ENABLE=true), or add testcontainers.reuse.enable=true to "
                    + "~/.testcontainers.properties.");
        }
        String engineHost = DockerClientFactory.instance().dockerHostIpAddress();
        URI dockerHost = DockerClientFactory.instance().getTransportConfig().getDockerHost();
        if (address.isLoopback() && !EngineHost.isOnThisMachine(dockerHost, engineHost)) {
            throw new MlflowServerException("The container engine's ports are on another machine (Testcontainers "
                    + "reaches them at " + engineHost + "), where a server listening on loopback only cannot be "
                    + "reached from here. Run the labs on the engine's machine, or use another server: "
                    + "MLLABS_SERVER=process with `mlflow` on PATH, or MLFLOW_TRACKING_URI.");
        }
        DockerImageName image = ContainerEngine.chooseImage(environment);
        announcer.accept("Starting MLflow " + MlflowServerVersion.mlflow() + " in a container (" + image
                + "), data in " + home.mlflowState() + " ...");
        long started = System.nanoTime();
        @SuppressWarnings("resource") // it outlives this JVM on purpose; `lab down` removes it
        MlflowContainer container = new MlflowContainer(image)
                .withStateDirectory(home.mlflowState())
                .withLabel("org.mllabs.role", "mlflow-server")
                .withLabel("org.mllabs.home", home.root().toString())
                .withListenAddress(address)
                .withReuse(true);
        port.ifPresent(container::withHostPort);
        settings.accept(container);
        try {
            container.start();
        } catch (RuntimeException e) {
            throw new MlflowServerException("The MLflow container did not start: " + rootMessage(e)
                    + ". Check that the image " + image + " exists or can be pulled (on machines without a registry: "
                    + "bash lab-runtime/environment/setup.sh builds it), or set " + ContainerEngine.IMAGE_VARIABLE
                    + " to another image.", e);
        }
        ServerRecord record = new ServerRecord(MlflowServer.Provider.CONTAINER, container.getTrackingUri(),
                container.getContainerId(), null, image.asCanonicalNameString(), Instant.now().toString());
        record.write(home.serverRecord());
        announceReady(record, started);
        return record.toServer();
    }

    private MlflowServer startProcess(OptionalInt port, ListenAddress address, java.nio.file.Path mlflow) {
        int chosen = port.orElseGet(Ports::free);
        announcer.accept("Starting `" + mlflow + " server` on " + address.host() + ":" + chosen + ", data in "
                + home.mlflowState() + " ...");
        long started = System.nanoTime();
        Process process = LocalMlflowProcess.start(mlflow, home.mlflowState(), address, chosen,
                home.logs().resolve("mlflow-server.log"));
        ServerRecord record = new ServerRecord(MlflowServer.Provider.LOCAL_PROCESS,
                "http://" + address.clientHost(ListenAddress.LOOPBACK.host()) + ":" + chosen, null, process.pid(), null,
                Instant.now().toString());
        record.write(home.serverRecord());
        announceReady(record, started);
        return record.toServer();
    }

    private void announceReady(ServerRecord record, long startedNanos) {
        announcer.accept(String.format(Locale.ROOT, "MLflow is ready at %s (%.1f s)", record.trackingUri(),
                (System.nanoTime() - startedNanos) / 1e9));
    }

    /** Stops the recorded container or process and deletes the record; returns whether it was still running. */
    private boolean stopRecorded(ServerRecord record) {
        boolean wasRunning = switch (record.provider()) {
            case CONTAINER -> {
                if (!engineAvailable.getAsBoolean()) {
                    yield false;
                }
                boolean running = ContainerEngine.isRunning(record.containerId());
                ContainerEngine.remove(record.containerId());
                yield running;
            }
            case LOCAL_PROCESS -> {
                Optional<ProcessHandle> process = record.process();
                process.ifPresent(handle -> LocalMlflowProcess.stop(handle.pid()));
                yield process.isPresent();
            }
            case TRACKING_URI -> false;
        };
        ServerRecord.delete(home.serverRecord());
        return wasRunning;
    }

    private <T> T withLock(java.util.function.Supplier<T> action) {
        try (FileChannel channel = FileChannel.open(home.serverLock(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return action.get();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + home.serverLock(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
