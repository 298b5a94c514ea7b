package com.meterledger.app.supply;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.Premises;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 19, a lost acknowledgement with no later top-up: the restore after a top-up is carried out but its
 * acknowledgements never arrive, so the command is abandoned and the relay left in doubt. Nothing happens to the
 * account any more; the reconciler (every 2 s in tests, a meter asked on its second sighting) re-issues the restore,
 * and its acknowledgement confirms supply on. The late answer to the abandoned restore is answered IGNORED.
 */
class SupplyReconciliationTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);

    private final EventStore events = new EventStore(OwnerJdbc.client());
    private final String id = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aRestoreWhoseAcknowledgementsWereLostIsReissuedByTheReconcilerUntilSupplyIsConfirmedOn() {
        Api landlord = as(TENANT_A);
        Premises.moveIn(landlord, id, "100", MOVE_IN, "0");
        assertThat(topUp(landlord, 100, "cash-1", 1)).isEqualTo(201);
        assertThat(landlord.post("/api/meters/m-%s/readings".formatted(id), """
                {"readAt":"%s","registerValue":"2"}""".formatted(MOVE_IN.plus(Duration.ofHours(1)))).status())
                .isEqualTo(201);                                              // 100 - 200 = -100: depleted, cut
        acknowledge(landlord, lastCommandId(), 204);
        awaitAccount(landlord, "supplyState", "OFF");

        assertThat(topUp(landlord, 1_000, "cash-2", 2)).isEqualTo(201);   // 900: restore
        await().atMost(Duration.ofSeconds(10)).until(() -> events.ofType("m-" + id, "SupplyCommandIssued").size() >= 2);
        String lostRestore = events.ofType("m-" + id, "SupplyCommandIssued").get(1).payload().get("commandId")
                .get("value").asText();
        // the meter closes its relay, but neither attempt's acknowledgement arrives: abandoned after 2 s + 4 s
        await().atMost(Duration.ofSeconds(20)).until(() -> events.ofType("m-" + id, "SupplyCommandTimedOut").stream()
                .anyMatch(timedOut -> !timedOut.payload().get("willRetry").asBoolean()));

        // the time-out's events carry the tenant of the command that set the deadline, so the read model sees them
        assertThat(events.ofType("m-" + id, "SupplyCommandTimedOut").getFirst().metadata()
                .path(MetadataKeys.TENANT).asText()).isEqualTo(TENANT_A);

        await().atMost(Duration.ofSeconds(20)).until(() -> events.ofType("m-" + id, "SupplyCommandIssued").size() == 4);
        List<JsonNode> decisions = events.ofType("m-" + id, "SupplyDecisionRecorded").stream()
                .map(EventStore.StoredEvent::payload).toList();
        assertThat(decisions).extracting(d -> d.get("rule").asText()).containsExactly("balance-at-cut-off",
                "top-up-above-reconnect-level", "reconciled-balance-above-reconnect-level");
        JsonNode reissued = events.ofType("m-" + id, "SupplyCommandIssued").getLast().payload();
        assertThat(reissued.get("action").asText()).isEqualTo("RESTORE");
        assertThat(reissued.get("attempt").asInt()).isEqualTo(1);
        assertThat(reissued.get("commandId").get("value").asText()).isNotEqualTo(lostRestore);

        Api.Response late = landlord.post("/api/meters/m-%s/supply-commands/%s/acknowledgement".formatted(id,
                lostRestore), """
                {"executed":true}""");
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.text("outcome")).isEqualTo("IGNORED");
        assertThat(late.text("rule")).isEqualTo("command-not-pending");

        acknowledge(landlord, lastCommandId(), 204);
        awaitAccount(landlord, "supplyState", "ON");
        awaitAccount(landlord, "pendingCommand", null);
        // converged: later passes find nothing to do
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .until(() -> events.ofType("m-" + id, "SupplyCommandIssued").size() == 4);
    }

    private int topUp(Api landlord, long amount, String reference, long sequence) {
        return landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":%d,"currency":"EUR","reference":"%s","purchaseSequence":%d}"""
                .formatted(amount, reference, sequence)).status();
    }

    private String lastCommandId() {
        return events.ofType("m-" + id, "SupplyCommandIssued").getLast().payload().get("commandId").get("value")
                .asText();
    }

    private void acknowledge(Api landlord, String commandId, int status) {
        assertThat(landlord.post("/api/meters/m-%s/supply-commands/%s/acknowledgement".formatted(id, commandId), """
                {"executed":true}""").status()).isEqualTo(status);
    }

    private void awaitAccount(Api landlord, String field, String expected) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(landlord.get("/api/accounts/a-%s".formatted(id)).text(field)).isEqualTo(expected));
    }
}
