package org.mllabs.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenAddressTest {

    @Test
    void loopbackIsTheDefaultAndClientsOnThisMachineUseTheirLocalName() {
        assertThat(ListenAddress.LOOPBACK.isLoopback()).isTrue();
        assertThat(ListenAddress.LOOPBACK.clientHost("localhost")).isEqualTo("localhost");
        assertThat(ListenAddress.ALL_INTERFACES.isLoopback()).isFalse();
        assertThat(ListenAddress.ALL_INTERFACES.clientHost("localhost")).isEqualTo("localhost");
    }

    @Test
    void aSpecificAddressIsWhereClientsConnect() {
        ListenAddress lan = new ListenAddress("192.168.10.7");

        assertThat(lan.isLoopback()).isFalse();
        assertThat(lan.isWildcard()).isFalse();
        assertThat(lan.clientHost("localhost")).isEqualTo("192.168.10.7");
    }

    @Test
    void aHostNameIsRefusedWithWhatToUse() {
        assertThatThrownBy(() -> new ListenAddress("mlflow.example.org"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("127.0.0.1 (this machine only)");
    }

    @Test
    void anotherLoopbackAddressIsWhereClientsConnect() {
        ListenAddress second = new ListenAddress("127.0.0.2");

        assertThat(second.isLoopback()).isTrue();
        assertThat(second.clientHost("localhost")).isEqualTo("127.0.0.2");
    }

    @Test
    void anOctetOver255IsRefused() {
        assertThatThrownBy(() -> new ListenAddress("999.1.1.1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not an IPv4 address");
    }
}
