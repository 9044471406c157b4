package org.mllabs.runtime.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;

/**
 * Where the container engine's published ports are, as Testcontainers reaches them: {@code localhost} for a local
 * engine, the bridge's gateway when Testcontainers believes it runs in a container, a remote host for a remote engine.
 * A port published on the engine's loopback can be reached from here only when that host is this machine.
 */
final class EngineHost {

    private EngineHost() {
    }

    /**
     * Whether the engine's published ports are on this machine: the engine is reached through a local socket (a Unix
     * socket or a Windows named pipe; engines that run in a VM forward published ports to this machine), or at an
     * address that is this machine's. A local engine is local even when Testcontainers, believing it runs in a
     * container, reaches its ports through a bridge gateway that does not exist yet (no container has run since boot).
     *
     * @param dockerHost how the engine's API is reached, such as {@code unix:///run/podman/podman.sock}
     * @param engineHost where Testcontainers reaches published ports
     */
    static boolean isOnThisMachine(URI dockerHost, String engineHost) {
        String scheme = dockerHost.getScheme();
        return "unix".equalsIgnoreCase(scheme) || "npipe".equalsIgnoreCase(scheme) || isThisMachine(engineHost);
    }

    /** Whether the host is this machine: a loopback name or address, or an address of one of its interfaces. */
    static boolean isThisMachine(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress() || address.isAnyLocalAddress()
                        || NetworkInterface.getByInetAddress(address) != null) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The host a client on this machine uses for a port published on the engine's loopback: the engine's own name for
     * it when that is a loopback name (such as {@code localhost}), else {@code 127.0.0.1}.
     */
    static String loopbackClientHost(String engineHost) {
        try {
            return InetAddress.getByName(engineHost).isLoopbackAddress() ? engineHost : ListenAddress.LOOPBACK.host();
        } catch (IOException e) {
            return ListenAddress.LOOPBACK.host();
        }
    }
}
