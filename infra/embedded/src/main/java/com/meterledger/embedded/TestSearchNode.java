package com.meterledger.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The one Elasticsearch node of a test JVM (own child JVM, temporary data). {@link #begin()} starts it in the
 * background so that it boots while PostgreSQL and the Spring context do; {@link #uri()} waits for it.
 */
public final class TestSearchNode {
    private static CompletableFuture<EmbeddedSearchNode> node;
    private static final ShutdownOrder STOP = new ShutdownOrder("test-search-node-stop");

    private TestSearchNode() {
    }

    /** Stops the node through {@code registrar} instead of at JVM exit (see {@link TestPostgres#stopWith}). */
    public static void stopWith(Consumer<Runnable> registrar) {
        STOP.handOver(registrar);
    }

    public static synchronized void begin() {
        if (node == null) {
            node = CompletableFuture.supplyAsync(() -> {
                try {
                    EmbeddedSearchNode started = EmbeddedSearchNode.start(
                            Files.createTempDirectory("meterledger-test-search"), true);
                    started.withoutShutdownHook();
                    STOP.register(started::close);
                    return started;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    public static String uri() {
        begin();
        return node.join().uri();
    }

    /** The node's process id now (it changes when the node is restarted after dying). */
    public static long pid() {
        begin();
        return node.join().pid();
    }
}
