package com.meterledger.embedded;

import java.util.function.Consumer;

/**
 * When a test resource is stopped: by a JVM shutdown hook of its own unless its user has handed the stop to
 * something that runs it in order (see {@link TestPostgres#stopWith}), whichever of start and hand-over comes first.
 */
final class ShutdownOrder {
    private final String name;
    private Runnable stop;
    private Thread hook;
    private Consumer<Runnable> registrar;

    ShutdownOrder(String name) {
        this.name = name;
    }

    synchronized void register(Runnable stop) {
        this.stop = stop;
        if (registrar != null) {
            registrar.accept(stop);
        } else {
            hook = new Thread(stop, name);
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    synchronized void handOver(Consumer<Runnable> registrar) {
        if (this.registrar != null) {
            return;
        }
        this.registrar = registrar;
        if (hook != null && Runtime.getRuntime().removeShutdownHook(hook)) {
            hook = null;
            registrar.accept(stop);
        }
    }
}
