package com.meterledger.app.audit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.TestTokens;
import com.meterledger.query.account.AccountProjection;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
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
 * A projection that parks an event does not freeze silently: the parked event shows in a gauge, in the health
 * component {@code deadLetters} and in a WARN line; platform operators list, inspect (never the payload) and retry it;
 * reconciliation names the letter that holds an account back.
 * <p>
 * The poison is a database trigger that refuses the ledger line of a top-up with a marked reference: a fault outside
 * the event, which the test then removes, as an operator would fix a cause before retrying. Other tests park events
 * too (the context is shared), so everything here is looked for by this test's own account ids.
 */
class DeadLetterToolsTest extends IntegrationTest {
    private static final String GROUP = AccountProjection.PROCESSING_GROUP;
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);

    private final JdbcClient owner = OwnerJdbc.client();
    private final ListAppender<ILoggingEvent> alerts = new ListAppender<>();
    private final String trigger = "refuse_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String refused = "refused-" + UUID.randomUUID().toString().substring(0, 8);
    @Autowired
    MeterRegistry metrics;
    @Autowired
    HealthContributorRegistry health;
    private Api platform;

    @BeforeEach
    void listenAndRefuseTheMarkedReference() {
        platform = new Api("http://localhost:" + port, TestTokens.clientCredentials(port, "platform-admin",
                "test-secret"));
        alerts.start();
        ((Logger) LoggerFactory.getLogger("meterledger.dead-letters")).addAppender(alerts);
        owner.sql("""
                create or replace function %s() returns trigger language plpgsql as $$
                begin
                    if new.reference = '%s' then
                        raise exception 'ledger line refused by DeadLetterToolsTest';
                    end if;
                    return new;
                end $$""".formatted(trigger, refused)).update();
        owner.sql("create trigger %s before insert on account_ledger_line for each row execute function %s()"
                .formatted(trigger, trigger)).update();
    }

    @AfterEach
    void stopListeningAndRefusing() {
        ((Logger) LoggerFactory.getLogger("meterledger.dead-letters")).detachAppender(alerts);
        fixTheCause();
        owner.sql("drop function if exists " + trigger).update();
    }

    @Test
    void aParkedTopUpShowsInTheGaugeTheHealthTheAlertsAndTheListAndARetryAfterTheFixUnblocksTheAccount() {
        AccountDriver account = openedWith2000();
        double gaugeBefore = gauge();

        account.topUp(300, refused);          // parked: its ledger line is refused
        account.topUp(200, "behind-refused"); // parked behind it, unhandled: same account, same sequence

        List<JsonNode> letters = await().atMost(Duration.ofSeconds(30))
                .until(() -> lettersOf(account.account()), found -> found.size() == 2);
        JsonNode first = letters.getFirst();
        String letterId = first.path("letterId").asText();
        assertThat(first.path("positionInSequence").asInt()).isZero();
        assertThat(first.path("eventType").asText()).isEqualTo("com.meterledger.api.account.AccountCredited");
        assertThat(first.path("tenantId").asText()).isEqualTo(TENANT_A);
        assertThat(first.path("attempts").asInt()).isEqualTo(1);
        assertThat(letters.get(1).path("positionInSequence").asInt()).isEqualTo(1);
        assertThat(letters.get(1).path("causeType").isNull()).as("never tried: it waits behind the first").isTrue();
        assertThat(letters.get(1).path("attempts").asInt()).isZero();

        assertThat(gauge()).isGreaterThanOrEqualTo(gaugeBefore + 2);
        assertThat(metrics.get("meterledger.axon.dead_letters.sequences").tag("group", GROUP).gauge().value())
                .isGreaterThanOrEqualTo(1);
        var component = ((HealthIndicator) health.getContributor("deadLetters")).health();
        assertThat(component.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(component.getDetails().get(GROUP).toString()).contains("letters=");
        JsonNode overall = platform.get("/actuator/health").body();
        assertThat(overall.path("components").path("deadLetters").path("status").asText()).isEqualTo("DEGRADED");
        assertThat(overall.path("components").path("deadLetters").path("details").path(GROUP).path("letters")
                .asLong()).isGreaterThanOrEqualTo(2);
        Api.Response seenByAnyone = anonymous().get("/actuator/health");
        assertThat(seenByAnyone.status()).as("DEGRADED answers 200").isEqualTo(200);
        assertThat(seenByAnyone.body().path("status").asText()).isEqualTo("DEGRADED");
        assertThat(seenByAnyone.body().has("components")).as("details for platform operators only").isFalse();
        assertThat(anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(alertLines())
                .anySatisfy(line -> assertThat(line).contains("group=" + GROUP, "letter=" + letterId,
                        "event=com.meterledger.api.account.AccountCredited", "aggregate=" + account.account(),
                        "tenant=" + TENANT_A, "cause=", "ledger line refused by DeadLetterToolsTest")));

        Api.Response inspected = platform.get("/api/audit/dead-letters/%s/%s".formatted(GROUP, letterId));
        assertThat(inspected.status()).isEqualTo(200);
        assertThat(inspected.body().path("aggregateId").asText()).isEqualTo(account.account());
        assertThat(inspected.body().path("aggregateSequence").asLong()).isPositive();
        assertThat(inspected.body().path("causeMessage").asText()).contains("ledger line refused by DeadLetterToolsTest");
        assertThat(inspected.body().has("timestamp")).isTrue();
        assertThat(inspected.body().has("enqueuedAt")).isTrue();
        assertThat(inspected.body().has("lastTouched")).isTrue();
        assertThat(inspected.body().has("payload")).isFalse();
        assertThat(inspected.body().toString()).as("nothing of the payload").doesNotContain(refused);

        JsonNode finding = reconciliationOf(account);
        assertThat(finding.path("status").asText()).isEqualTo("LAGGING");
        assertThat(finding.path("blockedBy").path("group").asText()).isEqualTo(GROUP);
        assertThat(finding.path("blockedBy").path("letterId").asText()).isEqualTo(letterId);

        Api.Response stillFailing = platform.post("/api/audit/dead-letters/%s/%s/retry".formatted(GROUP, letterId), "");
        assertThat(stillFailing.status()).isEqualTo(200);
        assertThat(stillFailing.body().path("sequencesRetried").asInt()).isEqualTo(1);
        assertThat(stillFailing.body().path("lettersProcessed").asLong()).isZero();
        assertThat(stillFailing.body().path("sequencesStillFailing").asInt()).isEqualTo(1);
        assertThat(stillFailing.body().path("lettersStillParked").asLong()).isEqualTo(2);
        assertThat(platform.get("/api/audit/dead-letters/%s/%s".formatted(GROUP, letterId)).body().path("attempts")
                .asInt()).isEqualTo(2);

        fixTheCause();
        Api.Response retried = platform.post("/api/audit/dead-letters/%s/%s/retry".formatted(GROUP, letterId), "");
        assertThat(retried.body().path("lettersProcessed").asLong()).isEqualTo(2);
        assertThat(retried.body().path("sequencesStillFailing").asInt()).isZero();
        assertThat(retried.body().path("lettersStillParked").asLong()).isZero();
        assertThat(lettersOf(account.account())).isEmpty();
        Api.Response gone = platform.get("/api/audit/dead-letters/%s/%s".formatted(GROUP, letterId));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().path("detail").asText()).contains(letterId);
        account.assertAgreesWithReplay(2_500);
    }

    @Test
    void retryingAGroupReportsWhatPassedAndWhatStillFails() {
        AccountDriver fixedLater = openedWith2000();
        fixedLater.topUp(100, refused);
        await().atMost(Duration.ofSeconds(30)).until(() -> lettersOf(fixedLater.account()).size() == 1);

        Api.Response refusedAgain = platform.post("/api/audit/dead-letters/%s/retry".formatted(GROUP), "");
        assertThat(refusedAgain.status()).isEqualTo(200);
        assertThat(refusedAgain.body().path("sequencesRetried").asInt()).isPositive();
        assertThat(refusedAgain.body().path("sequencesStillFailing").asInt()).isPositive();
        assertThat(lettersOf(fixedLater.account())).singleElement()
                .satisfies(letter -> assertThat(letter.path("attempts").asInt()).isEqualTo(2));

        fixTheCause();
        Api.Response retried = platform.post("/api/audit/dead-letters/%s/retry".formatted(GROUP), "");
        assertThat(retried.body().path("lettersProcessed").asLong()).isPositive();
        assertThat(lettersOf(fixedLater.account())).isEmpty();
        fixedLater.assertAgreesWithReplay(2_100);
    }

    @Test
    void anUnknownGroupOrLetterIsAProblemNamingIt() {
        Api.Response group = platform.get("/api/audit/dead-letters/no-such-group");
        assertThat(group.status()).isEqualTo(404);
        assertThat(group.body().path("detail").asText()).contains("no-such-group");
        Api.Response letter = platform.post("/api/audit/dead-letters/%s/no-such-letter/retry".formatted(GROUP), "");
        assertThat(letter.status()).isEqualTo(404);
        assertThat(letter.body().path("detail").asText()).contains("no-such-letter", GROUP);
        assertThat(platform.get("/api/audit/dead-letters").body().findValuesAsText("group")).contains(GROUP);
        assertThat(platform.get("/api/audit/dead-letters/%s?size=0".formatted(GROUP)).status()).isEqualTo(422);
        assertThat(as(TENANT_A).get("/api/audit/dead-letters/" + GROUP).status()).isEqualTo(403);
    }

    private AccountDriver openedWith2000() {
        AccountDriver account = new AccountDriver(as(TENANT_A), MOVE_IN).property("Dead letters").moveIn("-1", "Flat");
        account.topUp(2_000, "opening");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> account.assertAgreesWithReplay(2_000));
        return account;
    }

    private void fixTheCause() {
        owner.sql("drop trigger if exists %s on account_ledger_line".formatted(trigger)).update();
    }

    /** This account's letters in account-projection's queue, in sequence order, from the operators' list. */
    private List<JsonNode> lettersOf(String accountId) {
        List<JsonNode> found = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = platform.get("/api/audit/dead-letters/%s?page=%d&size=500".formatted(GROUP, page)).body();
            body.path("items").forEach(letter -> {
                if (accountId.equals(letter.path("aggregateId").asText())) {
                    found.add(letter);
                }
            });
            if (body.path("items").size() < 500) {
                return found;
            }
        }
    }

    private double gauge() {
        return metrics.get("meterledger.axon.dead_letters").tag("group", GROUP).gauge().value();
    }

    private List<String> alertLines() {
        return alerts.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The account's reconciliation finding: a page of one that starts at the account. */
    private JsonNode reconciliationOf(AccountDriver account) {
        String before = account.account().substring(0, account.account().length() - 1);
        JsonNode report = account.api.get("/api/audit/reconciliation?after=%s&limit=1".formatted(before)).body();
        assertThat(report.path("findings")).singleElement()
                .satisfies(finding -> assertThat(finding.path("accountId").asText()).isEqualTo(account.account()));
        return report.path("findings").get(0);
    }
}
