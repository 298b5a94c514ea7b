package com.meterledger.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.BalanceAdjusted;
import com.meterledger.api.account.ConsumptionCharged;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.Money;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.query.account.AccountProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event whose rows the account projection cannot write (a crafted quantity or reason too large for its column) is
 * parked in the dead-letter queue alone; the events around it, in the same processor batch, are projected and agree
 * with a replay.
 */
class PoisonEventTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
    /** numeric(15, 3) holds less than 10^12 (and the line's reference 500 characters) */
    private static final BigDecimal TOO_LARGE = new BigDecimal("2000000000000");

    private final JdbcClient owner = OwnerJdbc.client();
    @Autowired
    EventStore events;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aChargeWhoseRowsCannotBeWrittenIsDeadLetteredWhileTheRestOfItsBatchIsProjected() {
        AccountDriver poisoned = account(UUID.randomUUID().toString().substring(0, 8));
        AccountDriver healthy = account(sameSegmentAs(poisoned.id));

        String poison = whileTheProjectionIsStopped(() -> {
            String id = append(new ConsumptionCharged(new AccountId(poisoned.account()), new MeterId(poisoned.meter()),
                    null, MOVE_IN, MOVE_IN.plus(Duration.ofMinutes(30)), TOO_LARGE, Map.of(), List.of(),
                    BigDecimal.ZERO, Money.of(0, "EUR"), BigDecimal.ZERO, null, null, Money.of(2_000, "EUR")));
            healthy.read("3");                  // 300 -> 1700
            healthy.topUp(500, "after-poison"); // 2200
            poisoned.topUp(100, "behind-poison");
            return id;
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLettered(poison)).isEqualTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> healthy.assertAgreesWithReplay(2_200));
        assertThat(owner.sql("select count(*) from account_ledger_line where account_id = ? and quantity is not null")
                .param(poisoned.account()).query(Long.class).single()).isZero();
    }

    @Test
    void anAdjustmentWhoseLineCannotBeWrittenIsDeadLetteredAlone() {
        AccountDriver poisoned = account(UUID.randomUUID().toString().substring(0, 8));
        AccountDriver healthy = account(sameSegmentAs(poisoned.id));

        String poison = whileTheProjectionIsStopped(() -> {
            String id = append(new BalanceAdjusted(new AccountId(poisoned.account()), "adj-1", Money.of(10, "EUR"),
                    "r".repeat(600), "someone", "someone", Money.of(2_010, "EUR")));
            healthy.topUp(500, "after-poison");  // 2500
            return id;
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLettered(poison)).isEqualTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> healthy.assertAgreesWithReplay(2_500));
    }

    /** An account topped up with 2000 and projected. */
    private AccountDriver account(String id) {
        AccountDriver driver = new AccountDriver(as(TENANT_A), MOVE_IN, id).property("Poison " + id).moveIn("-1", "Flat");
        driver.topUp(2_000, "opening-" + id);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> driver.assertAgreesWithReplay(2_000));
        return driver;
    }

    /** An id whose account hashes like {@code id}'s, so both are handled by the same segment, in the same batch. */
    private static String sameSegmentAs(String id) {
        while (true) {
            String candidate = UUID.randomUUID().toString().substring(0, 8);
            if ((("a-" + candidate).hashCode() & 0xFF) == (("a-" + id).hashCode() & 0xFF)) {
                return candidate;
            }
        }
    }

    /** What happens while the projection is stopped reaches it afterwards as one backlog. */
    private String whileTheProjectionIsStopped(java.util.function.Supplier<String> action) {
        EventProcessor projection = processing.eventProcessorByProcessingGroup(AccountProjection.PROCESSING_GROUP)
                .orElseThrow();
        projection.shutDown();
        try {
            return action.get();
        } finally {
            projection.start();
        }
    }

    /** Appends an event of a stream of its own (beside any aggregate's) in tenant A, returning its identifier. */
    private String append(Object payload) {
        GenericDomainEventMessage<Object> event = new GenericDomainEventMessage<>("Poison", "poison-" + UUID.randomUUID(),
                0, payload, MetaData.with(TENANT, TENANT_A));
        events.publish(event);
        return event.getIdentifier();
    }

    private long deadLettered(String eventId) {
        return owner.sql("select count(*) from dead_letter_entry where processing_group = ? and event_identifier = ?")
                .params(AccountProjection.PROCESSING_GROUP, eventId).query(Long.class).single();
    }
}
