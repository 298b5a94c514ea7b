package com.meterledger.perf;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.meterledger.perf.readings.ReadingBenchmark;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The whole application in this JVM on a fresh embedded PostgreSQL in {@code home}, quiet, on a free port. */
public final class PerfApplication {
    private PerfApplication() {
    }

    /** What a benchmark measures once the application runs; true when its verification passed. */
    public interface Measurement {
        boolean measure(ConfigurableApplicationContext context) throws Exception;
    }

    /**
     * Prints the benchmark's header line, starts the application in {@code home} (a temporary folder, deleted at the
     * end, when {@code home} is null) and runs the measurement against it.
     */
    public static boolean run(String benchmark, Path home, List<String> applicationProperties, PrintStream out,
                              Measurement measurement) throws Exception {
        boolean temporary = home == null;
        Path folder = temporary ? Files.createTempDirectory("meterledger-perf-" + benchmark + "-") : home;
        if (temporary) {
            ReadingBenchmark.shareUnpackedBinaries(folder);
        }
        out.printf(Locale.ROOT, "MeterLedger %s benchmark: %s, JDK %s, %d CPUs, max heap %d MiB%n", benchmark,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (ConfigurableApplicationContext context = start(folder, applicationProperties)) {
            return measurement.measure(context);
        } finally {
            if (temporary) {
                ReadingBenchmark.deleteQuietly(folder);
            }
        }
    }

    public static ConfigurableApplicationContext start(Path home, List<String> applicationProperties)
            throws ClassNotFoundException {
        List<String> arguments = new ArrayList<>(List.of("--meterledger.postgres.embedded=true",
                "--meterledger.home=" + home.toAbsolutePath(), "--meterledger.reset=true",
                "--meterledger.demo.enabled=false", "--server.port=0", "--spring.jmx.enabled=false",
                // a free port: another run (or a local server) may hold the MQTT default
                "--meterledger.mqtt.embedded-broker.port=0",
                // no payments are measured, and the local Stripe sandbox listens on a fixed port a local run may hold
                "--meterledger.stripe.sandbox.enabled=false",
                "--logging.level.root=WARN", "--logging.level.com.meterledger=WARN"));
        applicationProperties.forEach(p -> arguments.add("--" + p));
        return new SpringApplicationBuilder(Class.forName("com.meterledger.app.MeterLedgerApplication"))
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(arguments.toArray(String[]::new));
    }
}
