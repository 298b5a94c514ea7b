package com.meterledger.searchnode;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClasspathPluginsNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts one single-node Elasticsearch cluster on 127.0.0.1 for the local run and the tests.
 *
 * <p>Arguments: {@code <home> <httpPort> <transportPort>}. The data lives in {@code <home>/data}. The node stops when
 * the JVM is asked to (SIGTERM) and also when its standard input closes, so that a parent that dies without running
 * its shutdown hooks leaves no orphan JVM behind.
 */
public final class SearchNodeMain {

    private SearchNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: SearchNodeMain <home> <httpPort> <transportPort>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(home.resolve("data"));
        Settings settings = Settings.builder()
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("cluster.name", "meterledger-dev")
                .put("node.name", "meterledger-dev-node")
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", args[1])
                .put("transport.port", args[2])
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("action.auto_create_index", false)
                // The node runs the serial collector (least CPU beside everything else on a small machine): its heap
                // fills with garbage between collections, and a parent breaker that counts the heap's real use then
                // refused bulk requests during a catch-up of 1.4M events. Count what requests reserve instead.
                .put("indices.breaker.total.use_real_memory", false)
                .build();
        LogConfigurator.configureWithoutConfig(settings);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, java.util.Map.of(), null,
                () -> "meterledger-dev-node");
        Node node = new ClasspathPluginsNode(environment, List.of(Netty4Plugin.class, DevNodePlugin.class));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(node, stopped), "search-node-stop"));
        node.start();
        System.out.println("meterledger search node started on http://127.0.0.1:" + args[1]);
        Thread.ofPlatform().daemon().name("search-node-parent-watch").start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; end of input means it is gone
                }
            } catch (IOException ignored) {
                // same meaning as end of input
            }
            System.exit(0);
        });
        stopped.await();
    }

    private static void close(Node node, CountDownLatch stopped) {
        try {
            node.close();
        } catch (IOException e) {
            e.printStackTrace();
        } finally {
            stopped.countDown();
        }
    }
}
