package com.meterledger.perf.readings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reading benchmark end to end with a tiny N: it must count every reading, find the exact balances and produce
 * numbers. Checks that the benchmark works, not how fast anything is.
 */
class ReadingBenchmarkSmokeTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void tinyRunCountsEveryReadingAndFindsExactBalances() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ReadingBenchmark.Options options = ReadingBenchmark.Options.parse(
                "--readings", "80", "--meters", "4", "--threads", "2", "--warmup", "20", "--baseline-rows", "100");

        ReadingBenchmark.Result result =
                new ReadingBenchmark(options, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(result.readingsSent()).as(report).isEqualTo(100);
        assertThat(result.readingsAccepted()).as(report).isEqualTo(100);
        assertThat(result.readingRecordedEvents()).as(report).isEqualTo(100);
        assertThat(result.accountsChecked()).isEqualTo(4);
        assertThat(result.accountsMismatched()).as(report).isZero();
        assertThat(result.deadLetters()).as(report).isZero();
        assertThat(result.verified()).isTrue();
        assertThat(result.eventRowsPerReading()).as(report).isEqualTo(2.0);
        assertThat(result.readingsPerSecond()).as(report).isPositive();
        assertThat(result.rawRowsPerSecond()).as(report).isPositive();
        assertThat(result.rawPairCommitsPerSecond()).as(report).isPositive();
        assertThat(result.ratioToRawRows()).as(report).isPositive();
        assertThat(result.visibleP50Millis()).as(report).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(result.visibleP99Millis());
        assertThat(report).contains("readings/s", "p50 / p99", "rows/s", "ratio readings/s / raw rows/s", "-> OK");
    }

    @Test
    void percentileIsNearestRank() {
        long[] micros = {1_000, 2_000, 3_000, 4_000, 100_000};
        assertThat(ReadingBenchmark.percentile(micros, 0.50)).isEqualTo(3.0);
        assertThat(ReadingBenchmark.percentile(micros, 0.99)).isEqualTo(100.0);
    }
}
