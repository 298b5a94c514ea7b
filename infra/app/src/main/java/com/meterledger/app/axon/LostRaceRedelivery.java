package com.meterledger.app.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.LoggingErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process whose command lost a race inside the event's own unit of work has the event handled again, instead of
 * the decision being logged as an ERROR and dropped.
 * <p>
 * The supply-control process sends {@code EvaluateSupply} while it handles an account's event, in that event's unit of
 * work and transaction, where {@link LostRaceRetries} cannot send it again (the loss dooms the outer work). With two
 * nodes, the node deciding may hold the account one top-up behind, and the standing check refuses to decide on it
 * ({@code AccountStandingReader}: "decide again on a fresh copy"); the two-node run of issue 19 logged two such ERRORs
 * on the survivor, and the meter's decision waited for the reconciler's next pass (60 s). Thrown on, the loss rolls
 * the processor's batch back (with it the stale copy in the cache and whatever the batch's other commands stored), and
 * the processor handles the batch again from its token, on a fresh load: about one claim round (1 s) later, logged by
 * Axon at WARN. Every other failure is handled as before ({@link LoggingErrorHandler}).
 */
public final class LostRaceRedelivery implements ListenerInvocationErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(LostRaceRedelivery.class);

    private final ListenerInvocationErrorHandler otherwise;

    public LostRaceRedelivery() {
        this(new LoggingErrorHandler());
    }

    LostRaceRedelivery(ListenerInvocationErrorHandler otherwise) {
        this.otherwise = otherwise;
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler)
            throws Exception {
        if (LostRaceRetries.lostARace(exception)) {
            log.info("{} lost a race while handling {} ({}); the event is handled again on fresh copies",
                    eventHandler.getTargetType().getSimpleName(), event.getPayloadType().getSimpleName(),
                    exception.getMessage());
            throw exception;
        }
        otherwise.onError(exception, event, eventHandler);
    }
}
