package org.mllabs.runtime.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The address of this machine on which a new MLflow server accepts connections: the container's published port, or
 * the local process's {@code --host}. {@link #LOOPBACK}, the default, lets only programs on this machine reach the
 * server, which has no authentication; any other address opens it to the network, which only a server that checks
 * who calls should do.
 *
 * @param host an IPv4 address of this machine, such as {@code 127.0.0.1}, or {@code 0.0.0.0} for every interface
 */
public record ListenAddress(String host) {

    /** This machine only: {@code 127.0.0.1}. */
    public static final ListenAddress LOOPBACK = new ListenAddress("127.0.0.1");

    /** Every interface of this machine: {@code 0.0.0.0}. */
    public static final ListenAddress ALL_INTERFACES = new ListenAddress("0.0.0.0");

    /**
     * @throws IllegalArgumentException when the host is not an IPv4 address
     */
    public ListenAddress {
        if (host == null || !host.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                || Arrays.stream(host.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            throw new IllegalArgumentException("Not an IPv4 address to listen on: " + host + ". Use 127.0.0.1 (this "
                    + "machine only), 0.0.0.0 (every interface) or one of this machine's addresses.");
        }
    }

    /** Whether only programs on this machine can connect. */
    public boolean isLoopback() {
        return address().isLoopbackAddress();
    }

    /** Whether the server listens on every interface. */
    public boolean isWildcard() {
        return address().isAnyLocalAddress();
    }

    /**
     * The host clients on this machine connect to: the given local name (such as {@code localhost}) when the server
     * listens on {@code 127.0.0.1} or on every interface, else this address (another loopback address, such as
     * {@code 127.0.0.2}, answers only there).
     */
    public String clientHost(String localHost) {
        return equals(LOOPBACK) || isWildcard() ? localHost : host;
    }

    private InetAddress address() {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IPv4 address to listen on: " + host, e);
        }
    }
}
