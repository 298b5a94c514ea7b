package com.meterledger.perf;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The whole application in this JVM on a fresh embedded PostgreSQL in {@code home}, quiet, on a free port. */
public final class PerfApplication {
    private PerfApplication() {
    }

    public static ConfigurableApplicationContext start(Path home, List<String> applicationProperties)
            throws ClassNotFoundException {
        List<String> arguments = new ArrayList<>(List.of("--meterledger.postgres.embedded=true",
                "--meterledger.home=" + home.toAbsolutePath(), "--meterledger.reset=true",
                "--meterledger.demo.enabled=false", "--server.port=0", "--spring.jmx.enabled=false",
                "--logging.level.root=WARN", "--logging.level.com.meterledger=WARN"));
        applicationProperties.forEach(p -> arguments.add("--" + p));
        return new SpringApplicationBuilder(Class.forName("com.meterledger.app.MeterLedgerApplication"))
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(arguments.toArray(String[]::new));
    }
}
