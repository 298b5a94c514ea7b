package com.meterledger.perf.chaos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos benchmark with a tiny configuration: two gateways of five meters with every fault on, one {@code kill -9}
 * of the node mid-run and its restart. Nothing may be lost, doubled or drift, and every supply must converge.
 */
class ChaosRunSmokeTest {

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void givenFaultyGatewaysWhenTheNodeIsKilledAndStartedAgainThenNothingIsLostDoubledOrDriftingAndSupplyConverges()
            throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ChaosRun.Options options = ChaosRun.Options.parse("--gateways", "2", "--meters", "5", "--rounds", "12",
                "--kill-at", "5");

        ChaosRun.Result result = new ChaosRun(options, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(result.meters()).isEqualTo(10);
        assertThat(result.readingsTaken()).as(report).isPositive();
        assertThat(result.readingsStored()).as(report).isEqualTo(result.readingsTaken());
        assertThat(result.lost()).as(report).isZero();
        assertThat(result.doubled()).as(report).isZero();
        assertThat(result.balanceMismatches()).as(report).isZero();
        assertThat(result.drifted()).as(report).isZero();
        assertThat(result.deadLetters()).as(report).isZero();
        assertThat(result.notConverged()).as(report).isZero();
        assertThat(result.outageSeconds()).as(report).isPositive();
        assertThat(result.verified()).as(report).isTrue();
        assertThat(report).contains("kill -9", "chaos verification -> OK");
    }
}
