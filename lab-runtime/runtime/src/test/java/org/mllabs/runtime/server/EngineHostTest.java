package org.mllabs.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineHostTest {

    @Test
    void loopbackAndThisMachinesOwnAddressesAreThisMachine() throws SocketException {
        assertThat(EngineHost.isThisMachine("localhost")).isTrue();
        assertThat(EngineHost.isThisMachine("127.0.0.1")).isTrue();
        Optional<InetAddress> own = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses).filter(address -> !address.isLoopbackAddress()).findFirst();
        own.ifPresent(address -> assertThat(EngineHost.isThisMachine(address.getHostAddress())).isTrue());
    }

    @Test
    void anAddressOfNoInterfaceHereIsAnotherMachine() {
        assertThat(EngineHost.isThisMachine("198.51.100.7")).isFalse();
    }

    @Test
    void anEngineBehindALocalSocketIsOnThisMachineWhateverGatewayTestcontainersNames() {
        assertThat(EngineHost.isOnThisMachine(URI.create("unix:///run/podman/podman.sock"), "198.51.100.7")).isTrue();
        assertThat(EngineHost.isOnThisMachine(URI.create("npipe:////./pipe/docker_engine"), "198.51.100.7")).isTrue();
        assertThat(EngineHost.isOnThisMachine(URI.create("tcp://198.51.100.7:2376"), "198.51.100.7")).isFalse();
        assertThat(EngineHost.isOnThisMachine(URI.create("tcp://localhost:2375"), "localhost")).isTrue();
    }

    @Test
    void clientsReachAPortPublishedOnLoopbackThroughALoopbackName() {
        assertThat(EngineHost.loopbackClientHost("localhost")).isEqualTo("localhost");
        assertThat(EngineHost.loopbackClientHost("10.88.0.1")).isEqualTo("127.0.0.1");
    }
}
