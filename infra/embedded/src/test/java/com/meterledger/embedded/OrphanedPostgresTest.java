package com.meterledger.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL after its application died by {@code kill -9}: the next start must come up on the first
 * attempt. Before {@link StalePostmaster}, the orphan held the data directory and the next start waited 60-73 s and
 * failed.
 */
class OrphanedPostgresTest {
    private static final Logger log = LoggerFactory.getLogger(OrphanedPostgresTest.class);

    private static final Duration FIRST_ATTEMPT_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @Test
    void givenAnApplicationKilledWithMinus9_whenTheNextStarts_thenItStopsTheOrphanAndComesUpOnTheFirstAttempt()
            throws Exception {
        Process application = startApplication();
        long orphanPid = postmasterPidOf(application);
        application.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(application.waitFor(10, TimeUnit.SECONDS)).isTrue();
        ProcessHandle orphan = ProcessHandle.of(orphanPid).orElseThrow();
        assertThat(orphan.isAlive()).as("the postmaster outlives its application (the case to heal)").isTrue();

        long started = System.nanoTime();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(home, 0, false)) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            log.info("next start after kill -9: UP in {} ms", took.toMillis());
            assertThat(took).isLessThan(FIRST_ATTEMPT_LIMIT);
            assertThat(orphan.isAlive()).as("the orphan was stopped").isFalse();
            assertThat(server.postmasterPid()).isNotEqualTo(orphanPid);
            assertThat(settings(server)).containsExactly("on", "on");
        }
    }

    @Test
    void givenTheServerOfALiveApplication_whenAnotherStartsOnTheSameFolder_thenItRefusesAtOnceAndStopsNothing()
            throws Exception {
        Process application = startApplication();
        try {
            long postmasterPid = postmasterPidOf(application);
            long started = System.nanoTime();
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(home, 0, false))
                    .hasMessageContaining("belongs to another running application");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive)).contains(true);
        } finally {
            application.destroyForcibly();
            application.waitFor(10, TimeUnit.SECONDS);
            EmbeddedPostgresServer.start(home, 0, false).close(); // takes the orphan over, then stops cleanly
        }
    }

    private Process startApplication() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                OrphanedPostgresMain.class.getName(), home.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static long postmasterPidOf(Process application) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(application.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("POSTMASTER ")) {
                return Long.parseLong(line.substring("POSTMASTER ".length()).trim());
            }
        }
        throw new AssertionError("the child JVM ended before its PostgreSQL started (exit " + application.waitFor() + ")");
    }

    private static List<String> settings(EmbeddedPostgresServer server) throws Exception {
        PostgresCoordinates db = server.coordinates();
        try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select current_setting('fsync'), "
                     + "current_setting('synchronous_commit')")) {
            row.next();
            return List.of(row.getString(1), row.getString(2));
        }
    }
}
