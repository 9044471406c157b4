package org.mllabs.runtime.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free and taken TCP ports on this machine. */
final class Ports {

    private Ports() {
    }

    /** A port nobody listens on now. */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new MlflowServerException("Cannot find a free TCP port: " + e.getMessage(), e);
        }
    }

    /** Fails with an actionable message when another program holds the port. */
    static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new MlflowServerException("Port " + port + " is already in use by another program. "
                    + "Stop that program, or choose another port with `lab up --port <port>`.", e);
        }
    }
}
