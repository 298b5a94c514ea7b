package com.meterledger.perf.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadGeneratorThreadsTest {

    @Test
    void theSimulatorItsMqttClientsAndThePollersCountAsLoad() {
        assertThat(GatewayBenchmark.loadGenerator("perf-simulator-3")).isTrue();
        assertThat(GatewayBenchmark.loadGenerator("perf-visibility-poller")).isTrue();
        assertThat(GatewayBenchmark.loadGenerator("MQTT Snd: sim-gw-007")).isTrue();
        assertThat(GatewayBenchmark.loadGenerator("MQTT Call: sim-gw-000")).isTrue();
    }

    @Test
    void theApplicationsThreadsAndItsOwnMqttClientDoNot() {
        assertThat(GatewayBenchmark.loadGenerator("mqtt-uplink-1")).isFalse();
        assertThat(GatewayBenchmark.loadGenerator("MQTT Call: meterledger-node-1")).isFalse();
        assertThat(GatewayBenchmark.loadGenerator("WorkPackage[account-projection]-0")).isFalse();
        assertThat(GatewayBenchmark.loadGenerator("nioEventLoopGroup-3-1")).isFalse();
    }
}
