package com.meterledger.query.support;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands events to a projection as its event processor does: one batch of events in one {@link BatchingUnitOfWork}
 * bound to one Spring transaction, each event through the projection's {@code @MessageHandlerInterceptor} to its
 * {@code @EventHandler} (Axon's own {@link AnnotationEventHandlerAdapter}, which resolves the metadata, sequence number
 * and timestamp parameters). What the projection collects per batch is written when the unit of work commits.
 */
public final class ProjectionBatches {
    private final SpringTransactionManager transactions;

    ProjectionBatches(PlatformTransactionManager transactionManager) {
        this.transactions = new SpringTransactionManager(transactionManager);
    }

    /** Handles {@code events} as one batch and commits it; a failure of any of them is thrown. */
    public void handle(Object projection, List<? extends EventMessage<?>> events) {
        AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(projection);
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.copyOf(events));
        unitOfWork.attachTransaction(transactions);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> adapter.handle(unitOfWork.getMessage()));
        if (result.isExceptional()) {
            throw new AssertionError("the batch failed", result.exceptionResult());
        }
    }

    /**
     * Handles {@code events} as the processor with its dead-letter queue does: an event whose handling fails is set
     * aside (returned, as its letter) and the batch goes on; a batch that fails to commit is handled once more, as
     * the processor retries it.
     *
     * @return the events dead-lettered in the batch that committed, in order
     */
    public List<EventMessage<?>> handleWithDeadLetters(Object projection, List<? extends EventMessage<?>> events) {
        AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(projection);
        Throwable failure = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            List<EventMessage<?>> letters = new ArrayList<>();
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.copyOf(events));
            unitOfWork.attachTransaction(transactions);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                try {
                    return adapter.handle(unitOfWork.getMessage());
                } catch (Exception e) {
                    letters.add(unitOfWork.getMessage());
                    return null;
                }
            });
            if (!result.isExceptional()) {
                return letters;
            }
            failure = result.exceptionResult();
        }
        throw new AssertionError("the batch failed when retried", failure);
    }

    /** Handles each event in a batch of its own, one after the other. */
    public void handleOneByOne(Object projection, List<? extends EventMessage<?>> events) {
        events.forEach(event -> handle(projection, List.of(event)));
    }
}
