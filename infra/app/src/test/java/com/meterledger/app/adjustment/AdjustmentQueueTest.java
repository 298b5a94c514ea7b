package com.meterledger.app.adjustment;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.TestTokens;
import com.meterledger.app.support.UiSession;
import com.meterledger.app.support.TestPeople;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static com.meterledger.app.support.Chromium.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four-eyes approval queue (issue 18): an adjustment above the tenant's approval limit (5,000 minor units in
 * tests) waits in {@code GET /api/adjustments} and on {@code /ui/adjustments} until a second person decides; its
 * requester is refused in place and nothing changes; a property manager sees only their properties' accounts; another
 * tenant sees none of it; nonsense parameters are a 400 naming the parameter.
 */
class AdjustmentQueueTest extends IntegrationTest {
    private static final long ABOVE_LIMIT = 20_000;

    private String accountWithMoney(Api landlord, String id) {
        Premises.moveIn(landlord, id, "10", Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS),
                "1000");
        return "a-" + id;
    }

    private static List<JsonNode> queue(Api caller, String query) {
        Api.Response answer = caller.get("/api/adjustments?size=200&" + query);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return StreamSupport.stream(answer.body().get("items").spliterator(), false).toList();
    }

    private static Optional<JsonNode> row(Api caller, String query, String adjustmentId) {
        return queue(caller, query).stream().filter(r -> r.get("adjustmentId").asText().equals(adjustmentId))
                .findFirst();
    }

    /** The account's balance once its projection has it (a new account's row follows its event a moment later). */
    private static long balance(Api landlord, String account) {
        return await().atMost(PATIENCE).until(() -> landlord.get("/api/accounts/" + account).body()
                .get("balanceMinor"), balance -> balance != null).asLong();
    }

    @Test
    void givenAnAdjustmentAboveTheLimitWhenItsRequesterDecidesInTheQueueThenTheRuleRefusesInPlaceAndASecondPersonApproves() {
        Api landlord = as(TENANT_A);
        String id = "aq" + UUID.randomUUID().toString().substring(0, 8);
        String account = accountWithMoney(landlord, id);
        UiSession admin = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);
        UiSession finance = UiSession.signIn(port, TestPeople.FINANCE_A, TestPeople.PASSWORD);

        // the administrator asks for it on the account's page: above the limit, it waits
        UiSession.Page asked = admin.post("/ui/accounts/%s/adjustments?adjustmentId=big-%s&adjustmentAmountMinor=%d"
                .formatted(account, id, ABOVE_LIMIT) + "&adjustmentReason=Meter+misread+in+March");
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains("Waiting for a second person", "adjustment-queue-link");
        long before = balance(landlord, account);
        JsonNode pending = await().atMost(PATIENCE).until(() -> row(landlord, "property=p-" + id, "big-" + id),
                Optional::isPresent).orElseThrow();
        assertThat(pending.get("state").asText()).isEqualTo("PENDING");
        assertThat(pending.get("amountMinor").asLong()).isEqualTo(ABOVE_LIMIT);
        assertThat(pending.get("propertyId").asText()).isEqualTo("p-" + id);
        assertThat(pending.get("reason").asText()).isEqualTo("Meter misread in March");
        String requester = pending.get("requestedBy").asText();
        assertThat(requester).isNotBlank();
        assertThat(admin.get("/ui/adjustments?property=p-" + id).body()).contains("big-" + id, "You asked for this one");

        // the requester's own approval: refused on the adjustment's row with the rule, nothing applied
        UiSession.Page self = admin.post("/ui/adjustments/decision?accountId=%s&adjustmentId=big-%s&decision=approve&property=p-%s"
                .formatted(account, id, id));
        assertThat(self.status()).isEqualTo(422);
        assertThat(self.body()).contains("id=\"decision-error\"", "second-person-required",
                "needs a person other than its requester to decide");
        assertThat(row(landlord, "property=p-" + id, "big-" + id).orElseThrow().get("state").asText())
                .isEqualTo("PENDING");
        assertThat(balance(landlord, account)).isEqualTo(before);

        // a second person approves with a note: applied to the balance, decided in the queue
        UiSession.Page approved = finance.post(("/ui/adjustments/decision?accountId=%s&adjustmentId=big-%s"
                + "&decision=approve&note=Checked+the+photo&property=p-%s").formatted(account, id, id));
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.body()).contains("id=\"decision-done\"", "Approved: the adjustment is applied");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(balance(landlord, account))
                .isEqualTo(before + ABOVE_LIMIT));
        JsonNode decided = await().atMost(PATIENCE).until(() -> row(landlord, "state=APPROVED&property=p-" + id,
                "big-" + id), Optional::isPresent).orElseThrow();
        assertThat(decided.get("decidedBy").asText()).isNotBlank().isNotEqualTo(requester);
        assertThat(row(landlord, "property=p-" + id, "big-" + id)).isEmpty();
        assertThat(finance.get("/ui/adjustments?state=APPROVED&property=p-" + id).body())
                .contains("big-" + id, "Approved by");
    }

    @Test
    void givenAPendingAdjustmentWhenASecondPersonRejectsItWithANoteThenTheBalanceIsUnchangedAndTheNoteIsKept() {
        Api landlord = as(TENANT_A);
        Api finance = new Api("http://localhost:" + port, TestTokens.clientCredentials(port, "tenant-a-finance",
                "test-secret"));
        String id = "aq" + UUID.randomUUID().toString().substring(0, 8);
        String account = accountWithMoney(landlord, id);
        assertThat(landlord.post("/api/accounts/%s/adjustments".formatted(account), """
                {"adjustmentId":"off-%s","amountMinor":-%d,"currency":"EUR","reason":"Duplicate top-up"}"""
                .formatted(id, ABOVE_LIMIT)).text("status")).isEqualTo("AWAITING_APPROVAL");
        long before = balance(landlord, account);
        await().atMost(PATIENCE).until(() -> row(finance, "property=p-" + id, "off-" + id), Optional::isPresent);

        UiSession.Page rejected = UiSession.signIn(port, TestPeople.FINANCE_A, TestPeople.PASSWORD).post((
                "/ui/adjustments/decision?accountId=%s&adjustmentId=off-%s&decision=reject"
                + "&note=The+bank+shows+two+payments&property=p-%s").formatted(account, id, id));

        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.body()).contains("Rejected: the balance is unchanged.");
        JsonNode decided = await().atMost(PATIENCE).until(() -> row(landlord, "state=REJECTED&property=p-" + id,
                "off-" + id), Optional::isPresent).orElseThrow();
        assertThat(decided.get("note").asText()).isEqualTo("The bank shows two payments");
        assertThat(balance(landlord, account)).isEqualTo(before);
    }

    @Test
    void givenPendingAdjustmentsOfTwoPropertiesWhenAManagerAndAnotherTenantReadTheQueueThenTheySeeOnlyTheirOwn() {
        Api landlord = as(TENANT_A);
        Api manager = new Api("http://localhost:" + port, TestTokens.clientCredentials(port, "tenant-a-manager",
                "test-secret"));
        assertThat(landlord.post("/api/properties", """
                {"propertyId":"managed-a","name":"Managed A"}""").status()).isIn(201, 422);
        String inScope = "aq" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(landlord.post("/api/properties/managed-a/units", """
                {"unitId":"u-%s","name":"Flat 9"}""".formatted(inScope)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/meters", """
                {"meterId":"m-%s","unitId":"u-%s","utility":"ELECTRICITY","serialNumber":"SN-%s"}"""
                .formatted(inScope, inScope, inScope)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/accounts", """
                {"accountId":"a-%s","unitId":"u-%s","meterId":"m-%s","currency":"EUR","pricePerUnitMinor":"10",
                 "openingReadAt":"%s","openingRegister":"5"}""".formatted(inScope, inScope, inScope,
                Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS))).status()).isEqualTo(201);
        String outOfScope = "aq" + UUID.randomUUID().toString().substring(0, 8);
        accountWithMoney(landlord, outOfScope);
        for (String id : List.of(inScope, outOfScope)) {
            assertThat(landlord.post("/api/accounts/a-%s/adjustments".formatted(id), """
                    {"adjustmentId":"adj-%s","amountMinor":%d,"currency":"EUR","reason":"Goodwill"}"""
                    .formatted(id, ABOVE_LIMIT)).text("status")).isEqualTo("AWAITING_APPROVAL");
        }
        await().atMost(PATIENCE).until(() -> row(landlord, "", "adj-" + inScope).isPresent()
                && row(landlord, "", "adj-" + outOfScope).isPresent());

        List<JsonNode> managers = queue(manager, "");
        assertThat(managers).extracting(r -> r.get("propertyId").asText()).containsOnly("managed-a");
        assertThat(managers).extracting(r -> r.get("adjustmentId").asText()).contains("adj-" + inScope)
                .doesNotContain("adj-" + outOfScope);
        UiSession managerPage = UiSession.signIn(port, TestPeople.MANAGER_A, TestPeople.PASSWORD);
        assertThat(managerPage.get("/ui/adjustments").body()).contains("adj-" + inScope)
                .doesNotContain("adj-" + outOfScope).doesNotContain("approve-adj-");
        assertThat(managerPage.post("/ui/adjustments/decision?accountId=a-%s&adjustmentId=adj-%s&decision=approve"
                .formatted(inScope, inScope)).status()).isEqualTo(403);
        String otherTenant = as(TENANT_B).get("/api/adjustments?size=200").body().toString();
        assertThat(otherTenant).doesNotContain(inScope).doesNotContain(outOfScope);
        assertThat(queue(as(TENANT_B), "property=p-" + outOfScope)).isEmpty();
    }

    @Test
    void givenNonsenseWhenTheQueueIsAskedOrADecisionPostedThenA400NamesTheParameterAndNothingIsDecided() {
        Api landlord = as(TENANT_A);
        for (String nonsense : List.of("state=MAYBE", "size=0", "page=-1", "property=%00x", "size=201")) {
            Api.Response refused = landlord.get("/api/adjustments?" + nonsense);
            assertThat(refused.status()).as(nonsense).isEqualTo(400);
            assertThat(refused.text("field")).as(nonsense).isEqualTo(nonsense.substring(0, nonsense.indexOf('=')));
        }
        UiSession finance = UiSession.signIn(port, TestPeople.FINANCE_A, TestPeople.PASSWORD);
        UiSession.Page noAccount = finance.post("/ui/adjustments/decision?adjustmentId=x&decision=approve");
        assertThat(noAccount.status()).isEqualTo(400);
        assertThat(noAccount.body()).contains("data-field=\"accountId\"");
        UiSession.Page unknown = finance.post(
                "/ui/adjustments/decision?accountId=no-such-account&adjustmentId=x&decision=approve");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(finance.get("/ui/adjustments?state=MAYBE").status()).isEqualTo(400);
    }
}
