package com.meterledger.app.axon;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class EventArrivalsTest {
    private final EventArrivals arrivals = new EventArrivals(Duration.ofHours(1));
    private final SimpleEventBus bus = SimpleEventBus.builder().build();

    @AfterEach
    void stop() {
        arrivals.close();
    }

    /** How often a coordinator was woken, once arrivals hear of the bus's events. */
    private AtomicInteger coordinatorListeningToTheBus() {
        arrivals.listenTo(bus);
        AtomicInteger woken = new AtomicInteger();
        arrivals.wake(woken::incrementAndGet);
        return woken;
    }

    @Test
    void eventsPublishedInAUnitOfWorkWakeCoordinatorsOnlyOnceItHasCommitted() {
        AtomicInteger woken = coordinatorListeningToTheBus();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);

        bus.publish(GenericEventMessage.asEventMessage("first"), GenericEventMessage.asEventMessage("second"));
        assertThat(woken).as("not yet stored").hasValue(0);
        unitOfWork.commit();

        assertThat(woken).hasValue(1);
        assertThat(arrivals.commits()).isEqualTo(1);
    }

    @Test
    void eventsOfANestedUnitOfWorkWakeCoordinatorsOnceTheOuterOneHasCommitted() {
        AtomicInteger woken = coordinatorListeningToTheBus();
        UnitOfWork<?> outer = DefaultUnitOfWork.startAndGet(null);
        UnitOfWork<?> nested = DefaultUnitOfWork.startAndGet(null);

        bus.publish(GenericEventMessage.asEventMessage("in the nested one"));
        nested.commit();
        assertThat(woken).as("stored only with the outer unit of work").hasValue(0);
        outer.commit();

        assertThat(woken).hasValue(1);
    }

    @Test
    void aRolledBackUnitOfWorkWakesNobody() {
        AtomicInteger woken = coordinatorListeningToTheBus();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);

        bus.publish(GenericEventMessage.asEventMessage("never stored"));
        unitOfWork.rollback();

        assertThat(woken).hasValue(0);
        assertThat(arrivals.commits()).isZero();
    }

    @Test
    void listeningTwiceCountsEachCommitOnce() {
        arrivals.listenTo(bus);
        arrivals.listenTo(bus);

        bus.publish(GenericEventMessage.asEventMessage("outside a unit of work: stored at once"));

        assertThat(arrivals.commits()).isEqualTo(1);
    }

    @Test
    void theTimerWakesIdleCoordinatorsForEventsOtherNodesAppended() throws InterruptedException {
        try (EventArrivals polling = new EventArrivals(Duration.ofMillis(10))) {
            CountDownLatch woken = new CountDownLatch(3);
            polling.wake(woken::countDown);

            assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(polling.commits()).as("no commit of this node").isZero();
        }
    }

    @Test
    void aCoordinatorWokenByTheTimerOnlySleepsThroughCommits() {
        AtomicInteger woken = new AtomicInteger();
        arrivals.wakeByTimerOnly(woken::incrementAndGet);
        AtomicInteger wokenPerCommit = coordinatorListeningToTheBus();

        bus.publish(GenericEventMessage.asEventMessage("stored"));

        assertThat(wokenPerCommit).hasValue(1);
        assertThat(woken).hasValue(0);
    }

    @Test
    void theTimerWakesCoordinatorsWokenByTheTimerOnly() throws InterruptedException {
        try (EventArrivals polling = new EventArrivals(Duration.ofMillis(10))) {
            CountDownLatch woken = new CountDownLatch(3);
            polling.wakeByTimerOnly(woken::countDown);

            assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aCoordinatorThatRefusesToBeWokenDoesNotKeepTheOthersAsleep() {
        AtomicInteger woken = new AtomicInteger();
        arrivals.wake(() -> {
            throw new RejectedExecutionException("processor shutting down");
        });
        arrivals.wake(woken::incrementAndGet);

        arrivals.arrived();

        assertThat(woken).hasValue(1);
    }
}
