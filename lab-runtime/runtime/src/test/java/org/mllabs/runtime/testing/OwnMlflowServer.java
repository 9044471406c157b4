package org.mllabs.runtime.testing;

import java.nio.file.Path;
import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.server.MlflowServers;

/**
 * A real MLflow server of one test's own, for a test that reads everything its server holds (such as
 * {@code lab grade-all --server}, which grades every learner found there) and so cannot share the build's server
 * ({@link MlflowServerExtension}) with the learners every other module's tests leave on it. It is started as the
 * build's is ({@link MlflowServers}: in a container, or as {@code mlflow server} with {@code MLLABS_SERVER=process}),
 * on a state directory of its own, and stopped on {@link #close()}.
 *
 * <pre>{@code
 * try (OwnMlflowServer own = OwnMlflowServer.start(temporaryFolder.resolve("server"))) {
 *     LabFixture labs = new LabFixture(own.server(), spark, work);
 * }
 * }</pre>
 */
public final class OwnMlflowServer implements AutoCloseable {

    private final MlflowServers servers;
    private final MlflowServer server;

    private OwnMlflowServer(MlflowServers servers) {
        this.servers = servers;
        this.server = servers.connect();
    }

    /**
     * Starts a server that keeps its data in the folder.
     *
     * @param stateDirectory a folder no other server uses
     */
    public static OwnMlflowServer start(Path stateDirectory) {
        return new OwnMlflowServer(new MlflowServers(new LabHome(stateDirectory), BuildServer.environment(),
                line -> System.out.println("[test's own MLflow server] " + line)));
    }

    /** The running server. */
    public MlflowServer server() {
        return server;
    }

    /** Stops the server. */
    @Override
    public void close() {
        servers.down();
    }
}
