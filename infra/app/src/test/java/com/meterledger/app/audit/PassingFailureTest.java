package com.meterledger.app.audit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.query.account.AccountProjection;
import com.meterledger.query.audit.DeadLetterAlerts;
import com.meterledger.query.audit.DeadLetterView;
import com.meterledger.query.audit.DeadLetters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection that loses a deadlock heals by itself: the event is parked like any failure (and alerted), but a
 * passing cause is retried by the dead-letter scan with back-off, so the account's sequence moves on without an
 * operator. The deadlock is a database trigger raising PostgreSQL's {@code deadlock_detected} (40P01) on the ledger
 * line of a top-up with a marked reference, as a lost deadlock reaches the projection; the test then drops it, as the
 * other transaction would have finished. A failure the event itself causes stays parked: {@link DeadLetterToolsTest}.
 */
class PassingFailureTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);

    private final JdbcClient owner = OwnerJdbc.client();
    private final ListAppender<ILoggingEvent> healed = new ListAppender<>();
    private final String trigger = "deadlock_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String marked = "deadlocked-" + UUID.randomUUID().toString().substring(0, 8);
    @Autowired
    DeadLetters deadLetters;

    @BeforeEach
    void loseADeadlockOnTheMarkedReference() {
        healed.start();
        ((Logger) LoggerFactory.getLogger(DeadLetterAlerts.class)).addAppender(healed);
        owner.sql("""
                create or replace function %s() returns trigger language plpgsql as $$
                begin
                    if new.reference = '%s' then
                        raise exception 'deadlock detected (PassingFailureTest)' using errcode = '40P01';
                    end if;
                    return new;
                end $$""".formatted(trigger, marked)).update();
        owner.sql("create trigger %s before insert on account_ledger_line for each row execute function %s()"
                .formatted(trigger, trigger)).update();
    }

    @AfterEach
    void stopLosing() {
        ((Logger) LoggerFactory.getLogger(DeadLetterAlerts.class)).detachAppender(healed);
        owner.sql("drop trigger if exists %s on account_ledger_line".formatted(trigger)).update();
        owner.sql("drop function if exists " + trigger).update();
    }

    @Test
    void givenATopUpWhoseProjectionLostADeadlock_whenTheOtherTransactionHasFinished_thenItIsRetriedWithoutAnOperator() {
        AccountDriver account = new AccountDriver(as(TENANT_A), MOVE_IN).property("Deadlocks").moveIn("-1", "Flat");
        account.topUp(2_000, "opening");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> account.assertAgreesWithReplay(2_000));

        account.topUp(300, marked);
        account.topUp(200, "behind-the-deadlock");
        List<DeadLetterView.Letter> parked = await().atMost(Duration.ofSeconds(30))
                .until(() -> lettersOf(account.account()), letters -> letters.size() == 2);
        assertThat(parked.getFirst().causeType()).isEqualTo("org.springframework.dao.PessimisticLockingFailureException");
        // the deadlock is still there: a retry fails again, counted, and the sequence stays parked in order
        await().atMost(Duration.ofSeconds(30)).until(() -> lettersOf(account.account()),
                letters -> !letters.isEmpty() && letters.getFirst().attempts() >= 2);
        assertThat(lettersOf(account.account())).hasSize(2);

        owner.sql("drop trigger %s on account_ledger_line".formatted(trigger)).update();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(lettersOf(account.account())).isEmpty();
            account.assertAgreesWithReplay(2_500);
        });
        assertThat(healed.list.stream().map(ILoggingEvent::getFormattedMessage).toList())
                .anySatisfy(line -> assertThat(line).contains("retried after a passing failure",
                        "PessimisticLockingFailureException", "2 handled, 0 still parked"));
    }

    private List<DeadLetterView.Letter> lettersOf(String accountId) {
        List<DeadLetterView.Letter> found = new ArrayList<>();
        deadLetters.forEach(AccountProjection.PROCESSING_GROUP, letter -> {
            if (accountId.equals(letter.aggregateId())) {
                found.add(letter);
            }
        });
        return found;
    }
}
