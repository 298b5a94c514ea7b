package com.meterledger.perf.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.ConsumptionCharged;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.Money;
import com.meterledger.api.tariff.ChargeKind;
import com.meterledger.api.tariff.ChargeLine;
import com.meterledger.api.tariff.TariffId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reading and writing the most frequent event (a charge) as the event store keeps it, with the application's
 * Jackson set-up, with and without the Blackbird module (generated accessors instead of reflection). Every event
 * processor deserializes each event it handles, so this cost is paid several times per reading.
 * Run: {@code java -jar infra/perf/target/meterledger-perf.jar jmh EventJsonBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventJsonBenchmark {
    @Param({"plain", "blackbird"})
    public String mapper;

    private ObjectMapper json;
    private ConsumptionCharged charge;
    private byte[] stored;

    @Setup
    public void setUp() throws IOException {
        Jackson2ObjectMapperBuilder builder = Jackson2ObjectMapperBuilder.json();
        if (mapper.equals("blackbird")) {
            builder.modulesToInstall(new BlackbirdModule());
        }
        json = builder.build();
        Currency eur = Currency.getInstance("EUR");
        Instant from = Instant.parse("2026-03-01T10:00:00Z");
        Instant to = from.plusSeconds(900);
        charge = new ConsumptionCharged(new AccountId("acc-0001"), new MeterId("m-0001"), new TariffId("t-1"), from,
                to, new BigDecimal("0.734"), Map.of(), List.of(new ChargeLine(1, ChargeKind.FLAT, "flat", from, to,
                new BigDecimal("0.734"), new BigDecimal("27.35"), new BigDecimal("20.0749"))),
                new BigDecimal("20.0749"), new Money(20, eur), new BigDecimal("0.0749"), null, null,
                new Money(999_980, eur));
        stored = json.writeValueAsBytes(charge);
    }

    @Benchmark
    public ConsumptionCharged read() throws IOException {
        return json.readValue(stored, ConsumptionCharged.class);
    }

    @Benchmark
    public byte[] write() throws IOException {
        return json.writeValueAsBytes(charge);
    }
}
