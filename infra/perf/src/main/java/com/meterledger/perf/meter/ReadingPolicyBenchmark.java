package com.meterledger.perf.meter;

import com.meterledger.api.shared.Utility;
import com.meterledger.core.meter.ReadingPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * JMH template and sanity check of the JMH set-up: judging one ordinary cumulative reading, the pure rule every
 * reading goes through. Run: {@code java -jar infra/perf/target/meterledger-perf.jar jmh ReadingPolicyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ReadingPolicyBenchmark {
    private final Instant previousAt = Instant.parse("2026-01-01T00:00:00Z");
    private final BigDecimal previousValue = new BigDecimal("12345.678");
    private final Instant readAt = previousAt.plusSeconds(900);
    private final BigDecimal value = new BigDecimal("12346.101");
    private final Instant now = readAt.plusSeconds(5);

    @Benchmark
    public ReadingPolicy.Verdict judgeOrdinaryReading() {
        return ReadingPolicy.judge(Utility.ELECTRICITY, previousAt, previousValue, null, readAt, value, now);
    }
}
