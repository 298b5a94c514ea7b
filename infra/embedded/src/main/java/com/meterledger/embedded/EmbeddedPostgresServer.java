package com.meterledger.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;

/**
 * A real PostgreSQL server from the binaries published on Maven Central, run as a child process. Its data directory
 * is kept between runs unless a reset is asked for.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param home  folder for the data directory and the unpacked binaries
     * @param port  0 picks a free port
     * @param reset wipe the data directory first
     */
    public static EmbeddedPostgresServer start(Path home, int port, boolean reset) {
        try {
            Path data = home.resolve("pgdata");
            Path binaries = home.resolve("pg-binaries");
            Files.createDirectories(binaries);
            if (reset) {
                deleteRecursively(data);
            }
            boolean existing = Files.exists(data.resolve("postgresql.conf"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200");
            if (Boolean.getBoolean("meterledger.postgres.stat-statements")) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL started on port {} with {} data directory {}", postgres.getPort(),
                    existing && !reset ? "existing" : "new", data.toAbsolutePath());
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        log.info("Reset: deleted the embedded PostgreSQL data directory {}", directory.toAbsolutePath());
    }

    public PostgresCoordinates coordinates() {
        return new PostgresCoordinates(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
