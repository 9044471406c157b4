package org.mllabs.runtime.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.server.ContainerEngine;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.server.MlflowServers;

/**
 * Hands tests the build's one real MLflow server as an {@link MlflowServer} parameter ({@link BuildServer}): the
 * first test JVM of a Maven build starts it through {@link MlflowServers}, every later one finds it there, and it
 * stops when the build ends.
 *
 * <p>As for the lab command, the server runs in a container, or, with {@code MLLABS_SERVER=process}, as
 * {@code mlflow server} from {@code PATH} (for machines whose container engine does not work). A developer's
 * {@code MLFLOW_TRACKING_URI} is never used: tests write to a server of their own.
 */
public final class MlflowServerExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MlflowServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MlflowServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static MlflowServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(MlflowServer.class, key -> connect(), MlflowServer.class);
    }

    private static MlflowServer connect() {
        LabEnvironment environment = BuildServer.environment();
        boolean process = environment.get(MlflowServers.PROVIDER_VARIABLE).filter("process"::equalsIgnoreCase)
                .isPresent();
        if (!process && !ContainerEngine.isAvailable()) {
            EngineRequirement.unmet(environment, "No container engine answers, so the tests that need a real "
                    + "MLflow server cannot run. Start Docker, or run `bash lab-runtime/environment/setup.sh` "
                    + "(Podman, Debian, root), or set " + MlflowServers.PROVIDER_VARIABLE + "=process with `mlflow` "
                    + "on PATH.");
        }
        return BuildServer.ofThisBuild().connect(environment);
    }
}
