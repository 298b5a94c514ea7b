package com.meterledger.ui.staff;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The UI's open event streams. A stream whose browser went away is only noticed at its next write, so on shutdown
 * every open stream is ended first (before the web server's graceful shutdown waits for requests to finish); the
 * browsers reconnect to another node.
 */
@Component
public class LiveStreams implements SmartLifecycle {
    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    /** Tracks {@code emitter} until it ends in any way, then runs {@code onEnd} once. */
    public SseEmitter track(SseEmitter emitter, Runnable onEnd) {
        Runnable end = () -> {
            if (open.remove(emitter)) {
                onEnd.run();
            }
        };
        open.add(emitter);
        emitter.onCompletion(end);
        emitter.onTimeout(end);
        emitter.onError(error -> end.run());
        return emitter;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        open.forEach(SseEmitter::complete);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
