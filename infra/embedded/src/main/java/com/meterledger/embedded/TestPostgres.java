package com.meterledger.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The one real PostgreSQL of a test JVM, started on first use: a Testcontainers container where a Docker engine
 * answers, else the embedded server. Both are real PostgreSQL 17; the choice is logged.
 */
public final class TestPostgres {
    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    private static PostgresCoordinates coordinates;
    private static final ShutdownOrder STOP = new ShutdownOrder("test-postgres-stop");

    private TestPostgres() {
    }

    /**
     * Stops the server through {@code registrar} (e.g. after the Spring contexts that use it are closed) instead of a
     * shutdown hook of its own. JVM shutdown hooks run concurrently: the database went while the application was
     * still shutting down, and its pool then waited up to 30 s for a connection, holding the JVM past exit.
     */
    public static void stopWith(Consumer<Runnable> registrar) {
        STOP.handOver(registrar);
    }

    public static synchronized PostgresCoordinates coordinates() {
        if (coordinates == null) {
            coordinates = dockerAnswers() ? startContainer() : startEmbedded();
        }
        return coordinates;
    }

    private static boolean dockerAnswers() {
        if (Boolean.getBoolean("meterledger.tests.embedded-postgres")) {
            return false;
        }
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static PostgresCoordinates startContainer() {
        var container = new org.testcontainers.containers.PostgreSQLContainer<>("postgres:17-alpine");
        container.start();
        STOP.register(container::stop);
        log.info("Test PostgreSQL: Testcontainers container {} (a Docker engine answered)", container.getJdbcUrl());
        return new PostgresCoordinates(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    private static PostgresCoordinates startEmbedded() {
        try {
            Path home = Files.createTempDirectory("meterledger-test-pg");
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(home, 0, true,
                    // a temporary database, deleted after the run: nothing to keep through a power cut
                    EmbeddedPostgresServer.Durability.FSYNC_OFF);
            STOP.register(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    log.warn("embedded test PostgreSQL did not stop cleanly", e);
                }
            });
            log.info("Test PostgreSQL: embedded server {} (no Docker engine answered)", server.coordinates().jdbcUrl());
            return server.coordinates();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
