package com.meterledger.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stops a postmaster left running in a data directory by an application that died without closing it
 * ({@code kill -9}, an out-of-memory kill, a crashed IDE): the next start then comes up at once instead of waiting
 * for the orphan's lock and failing.
 *
 * <p>It is an orphan only when all of this holds, else nothing is touched:
 * <ul>
 *   <li>{@code postmaster.pid} names a live process that is a {@code postgres} serving this very data directory
 *   (on Linux its working directory, which PostgreSQL sets to the data directory; a reused pid is not stopped);</li>
 *   <li>no live JVM holds {@code epg-lock} in the data directory: zonky's {@code EmbeddedPostgres} keeps a file lock
 *   on it for as long as its owner lives, and the operating system drops the lock when the owner dies, however it
 *   dies. A lock that is held means another application is using the server: the start fails at once, naming it.</li>
 * </ul>
 * The orphan is stopped with {@code pg_ctl stop -m fast} (its clients died with the application; open transactions
 * roll back, committed ones are on disk and nothing else is lost), falling back to {@code SIGTERM}.
 */
final class StalePostmaster {
    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private StalePostmaster() {
    }

    static void stopIfOrphaned(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = postmasterOf(data, pidFile);
        if (postmaster.isEmpty()) {
            return; // no server alive: PostgreSQL itself discards a stale postmaster.pid
        }
        try (FileChannel channel = FileChannel.open(data.resolve("epg-lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("The embedded PostgreSQL in " + data.toAbsolutePath() + " (pid "
                        + postmaster.get().pid() + ") belongs to another running application: stop it first, or give "
                        + "this one its own meterledger.home");
            }
            stop(data, postmaster.get());
        } catch (IOException e) {
            throw new UncheckedIOException("could not check the embedded PostgreSQL's owner in " + data, e);
        }
    }

    private static Optional<ProcessHandle> postmasterOf(Path data, Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(0).trim().matches("\\d+")) {
                return Optional.empty();
            }
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().command().map(c -> Path.of(c).getFileName().toString())
                            .map("postgres"::equals).orElse(false));
            return process.filter(handle -> servesDirectory(handle, data));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean servesDirectory(ProcessHandle postmaster, Path data) {
        Path cwd = Path.of("/proc", Long.toString(postmaster.pid()), "cwd");
        try {
            return !Files.exists(cwd, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    || Files.isSameFile(Files.readSymbolicLink(cwd), data);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static void stop(Path data, ProcessHandle postmaster) {
        long started = System.nanoTime();
        log.warn("Embedded PostgreSQL: an orphaned server (pid {}) holds {}: its application is gone; stopping it "
                + "(pg_ctl stop -m fast) before starting", postmaster.pid(), data.toAbsolutePath());
        Optional<Path> pgCtl = postmaster.info().command().map(c -> Path.of(c).resolveSibling("pg_ctl"))
                .filter(Files::isExecutable);
        try {
            if (pgCtl.isPresent()) {
                Process process = new ProcessBuilder(pgCtl.get().toString(), "stop", "-D", data.toString(), "-m",
                        "fast", "-w", "-t", Long.toString(STOP_TIMEOUT.toSeconds()))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                process.waitFor(STOP_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            }
            if (postmaster.isAlive()) {
                postmaster.destroy(); // SIGTERM: a smart shutdown, its clients are gone
                postmaster.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the orphaned embedded PostgreSQL (pid " + postmaster.pid()
                    + ") did not stop; stop it by hand", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the orphaned embedded PostgreSQL", e);
        }
        log.info("Embedded PostgreSQL: the orphaned server (pid {}) stopped after {} ms", postmaster.pid(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
}
