package com.meterledger.app.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeTenantStatus;
import com.meterledger.api.tenant.TenantStatus;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.TestTokens;
import com.meterledger.embedded.EmbeddedMailSink;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leaving: a cancelled tenant is closed by the platform's operator. Its personal data is erased (its people, its
 * occupants' contacts, its payment links) and appears in no event; its money's record stays and still replays to
 * the balances it had. The tenant signs up through the front door.
 */
class TenantClosureTest extends IntegrationTest {
    private static final String TENANT = "billing-c";
    private static final String SELF = "export-x";

    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    CommandGateway commands;

    @Test
    void aClosedTenantKeepsNoPersonalDataAndItsMoneyStillReplaysToItsBalances() {
        // given a tenant with an occupant who has a contact, a payment link, a top-up and a charged reading
        SignedUpTenants.SignedUp signedUp = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en", TENANT);
        Api admin = client("billing-c-admin");
        Instant openedAt = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        Premises.moveIn(admin, "c1", "100", openedAt, "1000");
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/accounts/a-c1").status() == 200);
        assertThat(admin.post("/api/accounts/a-c1/top-ups", """
                {"amountMinor":3000,"currency":"EUR","reference":"seed-c1"}""").status()).isEqualTo(201);
        assertThat(admin.put("/api/accounts/a-c1/contact", """
                {"name":"Li Wei","email":"li.wei@example.cn","phone":"+8613800138000","channels":["EMAIL","SMS"]}""")
                .status()).isIn(200, 204);
        Api.Response link = admin.post("/api/accounts/a-c1/payment-links", null);
        assertThat(link.status()).isEqualTo(201);
        assertThat(admin.post("/api/meters/m-c1/readings", """
                {"readAt":"%s","registerValue":"1005"}""".formatted(Instant.now().minusSeconds(60)
                .truncatedTo(ChronoUnit.SECONDS))).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(admin.get("/api/accounts/a-c1").number("balanceMinor")).isEqualTo(2500));
        // and its subscription ended (as Stripe's customer.subscription.deleted steps it)
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new ChangeTenantStatus(new TenantId(TENANT),
                TenantStatus.CANCELLED, "subscription sub_c ended")).andMetaData(Map.of(MetadataKeys.TENANT, TENANT,
                MetadataKeys.ACTOR, "stripe", MetadataKeys.ORIGIN, "platform-billing")));

        // when the platform's operator closes it, with a reason
        Api.Response closed = client("platform-admin").post("/api/platform/tenants/" + TENANT + "/closure",
                "{\"reason\":\"the group left the platform\"}");

        // then it is closed, and none of its personal data remains anywhere
        assertThat(closed.status()).as(closed.body().toString()).isEqualTo(200);
        assertThat(closed.text("status")).isEqualTo("CLOSED");
        assertThat(count("select count(*) from staff_person where lower(email) = lower(?)", signedUp.email())).isZero();
        assertThat(count("select count(*) from staff_membership where tenant_id = ?", TENANT)).isZero();
        assertThat(count("select count(*) from signup_verification where tenant_id = ?", TENANT)).isZero();
        assertThat(count("select count(*) from payment_link where tenant_id = ?", TENANT)).isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(count("select count(*) from occupant_contact where tenant_id = ?", TENANT)).isZero());
        for (String personal : new String[] {signedUp.email(), "Li Wei", "li.wei@example.cn", "+8613800138000"}) {
            assertThat(count("select count(*) from domain_event_entry where position(? in convert_from(payload, "
                    + "'UTF8')) > 0 or position(? in convert_from(meta_data, 'UTF8')) > 0", personal, personal))
                    .as("no event holds " + personal).isZero();
        }
        assertThat(anonymous().get("/pay/a-c1/balance?token=" + link.text("token")).status())
                .as("the occupant's link no longer opens anything").isEqualTo(401);
        assertThat(OwnerJdbc.client().sql("select retain_until from tenant where tenant_id = ?").param(TENANT)
                .query(Instant.class).single()).isAfter(Instant.now().plus(Duration.ofDays(9 * 365)));

        // and its money still replays: the audit replay equals the balances, nothing drifted
        Api.Response replayed = admin.get("/api/audit/accounts/a-c1/balance?at=" + Instant.now());
        assertThat(replayed.status()).as(replayed.body().toString()).isEqualTo(200);
        assertThat(replayed.number("balanceMinor")).isEqualTo(2500);
        JsonNode reconciliation = admin.get("/api/audit/reconciliation").body();
        assertThat(reconciliation.get("drifted").asInt()).isZero();
        assertThat(reconciliation.get("ok").asInt()).isEqualTo(reconciliation.get("accountsChecked").asInt())
                .isPositive();
    }

    @Test
    void aTenantAdministratorClosesTheirOwnTenantOnlyAfterRepeatingItsIdAndTheStepsNameThemAsActor() {
        // given a signed-up tenant with an occupant's payment link
        SignedUpTenants.SignedUp signedUp = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN", SELF);
        Api admin = client("export-x-admin");
        Premises.moveIn(admin, "x1", "100", Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS),
                "10");
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/accounts/a-x1").status() == 200);
        assertThat(admin.post("/api/accounts/a-x1/payment-links", null).status()).isEqualTo(201);

        // when its administrator asks to close it without repeating its id, then with another tenant's id
        Api.Response unconfirmed = admin.post("/api/tenant/closure", "{\"reason\":\"we leave\"}");
        Api.Response wrong = admin.post("/api/tenant/closure",
                "{\"confirmTenantId\":\"tenant-a\",\"reason\":\"we leave\"}");

        // then both are problems naming the confirmation, and nothing changed
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(unconfirmed.body().toString()).contains("confirmTenantId");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(count("select count(*) from payment_link where tenant_id = ?", SELF)).isEqualTo(1);
        assertThat(count("select count(*) from staff_person where lower(email) = lower(?)", signedUp.email()))
                .isEqualTo(1);

        // when it confirms with its own id and a reason
        Api.Response closed = admin.post("/api/tenant/closure",
                "{\"confirmTenantId\":\"" + SELF + "\",\"reason\":\"we leave the platform\"}");

        // then it went through cancelled to closed, each step an event with the administrator as actor, and its
        // personal data is erased as the operator's closure erases it
        assertThat(closed.status()).as(closed.body().toString()).isEqualTo(200);
        assertThat(closed.text("status")).isEqualTo("CLOSED");
        assertThat(OwnerJdbc.client().sql("""
                        select convert_from(payload, 'UTF8')::jsonb ->> 'to'
                        from domain_event_entry
                        where aggregate_identifier = ? and payload_type like '%TenantStatusChanged'
                          and convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' = 'export-x-admin'
                        order by sequence_number""").param(SELF).query(String.class).list())
                .containsSubsequence("CANCELLED", "CLOSED");
        assertThat(count("select count(*) from payment_link where tenant_id = ?", SELF)).isZero();
        assertThat(count("select count(*) from staff_person where lower(email) = lower(?)", signedUp.email())).isZero();
    }

    private Api client(String clientId) {
        return new Api("http://localhost:" + port, TestTokens.clientCredentials(port, clientId, "test-secret"));
    }

    private static long count(String sql, Object... params) {
        return OwnerJdbc.client().sql(sql).params(params).query(Long.class).single();
    }
}
