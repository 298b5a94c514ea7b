package com.meterledger.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;

/**
 * The one Elasticsearch node of a test JVM (own child JVM, temporary data). {@link #begin()} starts it in the
 * background so that it boots while PostgreSQL and the Spring context do; {@link #uri()} waits for it.
 */
public final class TestSearchNode {
    private static CompletableFuture<EmbeddedSearchNode> node;

    private TestSearchNode() {
    }

    public static synchronized void begin() {
        if (node == null) {
            node = CompletableFuture.supplyAsync(() -> {
                try {
                    return EmbeddedSearchNode.start(Files.createTempDirectory("meterledger-test-search"), true);
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
}
