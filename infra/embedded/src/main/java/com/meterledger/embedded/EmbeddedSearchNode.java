package com.meterledger.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real single-node Elasticsearch for the local run and the tests, run as a child JVM from the class path that the
 * {@code infra/search-node} module writes to {@code target/search-node.classpath}. The server jars are never on this
 * JVM's class path (nor in the application's jar): their licence allows a development node, not shipping them.
 *
 * <p>The child stops with this JVM: {@link #close()} and a shutdown hook end it, and it ends itself when its
 * standard input closes, which also covers a parent killed without running its hooks.
 *
 * <p><b>Restarted when it dies.</b> A node that exits while nobody closed it (killed, out of memory) is started
 * again on the same ports and data, so the application's client finds it where it was; tries are spaced from 1 s,
 * doubling up to a minute. Meanwhile the application keeps taking readings and money: only searches fail, the
 * search projections retry their batches, and {@code /actuator/health} shows the component {@code elasticsearch}
 * DOWN to operators while readiness stays UP. A restart takes as long as a first start: in
 * {@code SearchNodeOutageTest} ({@code kill -9} of the node) it answered again 93 s after the kill, where its first
 * start in the same run had taken 115 s (2 cores at load average 13-26; 6-10 s on a quiet machine).
 */
public final class EmbeddedSearchNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedSearchNode.class);
    private static final String CLASSPATH_FILE = "infra/search-node/target/search-node.classpath";
    /**
     * How long a start may take: 10-40 s on two cores; on a machine shared by several builds (load average 30-50) it
     * took over 2 minutes, so a run there may allow more with {@code -Dmeterledger.search.start-timeout=PT6M}.
     */
    private static final Duration START_TIMEOUT = Duration.parse(
            System.getProperty("meterledger.search.start-timeout", "PT2M"));

    private static final Duration FIRST_RESTART_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_RESTART_PAUSE = Duration.ofMinutes(1);

    private final ProcessBuilder command;
    private final Path logFile;
    private final int httpPort;
    private final Thread shutdownHook;
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile Process process;
    private volatile boolean closing;

    private EmbeddedSearchNode(ProcessBuilder command, Path logFile, int httpPort) throws IOException {
        this.command = command;
        this.logFile = logFile;
        this.httpPort = httpPort;
        this.process = command.start();
        this.shutdownHook = new Thread(this::stop, "search-node-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * @param home  folder for the node's data and its log ({@code home/search-node.log})
     * @param reset wipe the data first
     */
    public static EmbeddedSearchNode start(Path home, boolean reset) {
        try {
            Path classpathFile = locateClasspathFile();
            Path classes = classpathFile.resolveSibling("classes");
            String classpath = classes + java.io.File.pathSeparator
                    + Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
            if (reset) {
                deleteRecursively(home.resolve("data"));
            }
            Files.createDirectories(home);
            int httpPort = freePort();
            int transportPort = freePort();
            Path logFile = home.resolve("search-node.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // 256 MB trips the node's circuit breakers under sustained bulk indexing (a rebuild of 200k events)
            ProcessBuilder command = new ProcessBuilder(List.of(java, "-Xms512m", "-Xmx512m",
                    "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "-Dlog4j2.disable.jmx=true",
                    "-cp", classpath, "com.meterledger.searchnode.SearchNodeMain",
                    home.toAbsolutePath().toString(), Integer.toString(httpPort), Integer.toString(transportPort)))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            long started = System.nanoTime();
            EmbeddedSearchNode node = new EmbeddedSearchNode(command, logFile, httpPort);
            node.awaitReady();
            node.superviseFrom(node.process);
            log.info("Embedded Elasticsearch node (own JVM, pid {}) answers on {} after {} ms; data in {}",
                    node.process.pid(), node.uri(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    home.toAbsolutePath());
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded Elasticsearch node did not start", e);
        }
    }

    /** The running node's process id (a new one after each restart). */
    public long pid() {
        return process.pid();
    }

    /** How many times the node was started again after it died. */
    public int restarts() {
        return restarts.get();
    }

    private void superviseFrom(Process watched) {
        watched.onExit().thenRun(() -> {
            if (!closing) {
                Thread restart = new Thread(() -> restartAfter(watched), "search-node-restart");
                restart.setDaemon(true);
                restart.start();
            }
        });
    }

    private void restartAfter(Process died) {
        log.warn("Embedded Elasticsearch node (pid {}) exited with {} although nobody stopped it: starting it again "
                + "on {}; its log: {}", died.pid(), died.exitValue(), uri(), logFile);
        Duration pause = FIRST_RESTART_PAUSE;
        while (!closing) {
            long started = System.nanoTime();
            try {
                synchronized (this) {
                    if (closing) {
                        return;
                    }
                    process = command.start();
                }
                awaitReady();
                restarts.incrementAndGet();
                log.info("Embedded Elasticsearch node restarted (pid {}) and answers on {} after {} ms", process.pid(),
                        uri(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                superviseFrom(process);
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("Embedded Elasticsearch node did not come back ({}); next try in {}", e.getMessage(), pause);
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_RESTART_PAUSE) > 0 ? LONGEST_RESTART_PAUSE
                        : pause.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The node's HTTP address, e.g. {@code http://127.0.0.1:41234}. */
    public String uri() {
        return "http://127.0.0.1:" + httpPort;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    /** For an owner that stops the node itself, in its own order ({@link #close()}); the child still ends with stdin. */
    void withoutShutdownHook() {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
    }

    private void stop() {
        Process process;
        synchronized (this) {
            closing = true;
            process = this.process;
        }
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() throws IOException {
        Process process = this.process;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && !closing) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the embedded Elasticsearch node exited with " + process.exitValue()
                        + "; its log " + logFile + " ends with:\n" + tail(logFile));
            }
            if (answers()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the embedded Elasticsearch node did not answer within " + START_TIMEOUT
                + "; its log " + logFile + " ends with:\n" + tail(logFile));
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(uri() + "/").toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * The class path file: {@code meterledger.search.node-classpath-file} if set, else {@value #CLASSPATH_FILE} in
     * the working folder or one of its parents (the local run starts in the source tree, tests in a module).
     */
    private static Path locateClasspathFile() {
        String configured = System.getProperty("meterledger.search.node-classpath-file");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(CLASSPATH_FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No " + CLASSPATH_FILE + " in the working folder or its parents: build the "
                + "source tree first (./mvnw -DskipTests install), or run without the embedded search node "
                + "(meterledger.search.embedded=false and meterledger.search.uris pointing at a cluster)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log not readable: " + e.getMessage() + ")";
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
        log.info("Reset: deleted the embedded Elasticsearch data directory {}", directory.toAbsolutePath());
    }
}
