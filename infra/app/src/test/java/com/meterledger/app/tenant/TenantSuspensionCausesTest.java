package com.meterledger.app.tenant;

import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeTenantStatus;
import com.meterledger.api.tenant.TenantStatus;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.TestTokens;
import com.meterledger.app.support.UiSession;
import com.meterledger.app.support.TestPeople;
import com.meterledger.embedded.EmbeddedMailSink;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant suspended by the platform's operator and one suspended for an unpaid invoice say why and who, on the API,
 * the operator's console and the tenant's billing page (English and Chinese), and each suspension is lifted by its own
 * cause only: the operator's resumption leaves the invoice's, paying leaves the operator's. Billing's steps are sent
 * as the billing module sends them (actor and origin {@code platform-billing}), without a Stripe round trip.
 */
class TenantSuspensionCausesTest extends IntegrationTest {
    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    CommandGateway commands;

    @Test
    void eachSuspensionSaysWhyAndWhoAndIsLiftedByItsOwnCauseOnly() {
        // given a signed-up tenant that paid, then failed an invoice and was suspended when its grace period ended
        String slug = "susp-" + UUID.randomUUID().toString().substring(0, 8);
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en", slug);
        Api operator = new Api("http://localhost:" + port, TestTokens.clientCredentials(port, "platform-admin",
                "test-secret"));
        billing(slug, TenantStatus.ACTIVE, "invoice in_1 paid");
        billing(slug, TenantStatus.PAST_DUE, "invoice in_2 failed");
        billing(slug, TenantStatus.SUSPENDED, "grace period over after invoice in_2 failed");

        // when the operator tries to resume it, then that is refused naming the rule, and it stays suspended
        Api.Response refused = operator.post("/api/platform/tenants/" + slug + "/resumption",
                "{\"reason\":\"looks fine\"}");
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        assertThat(refused.text("rule")).isEqualTo("tenant-not-suspended-by-operator");
        assertThat(row(operator, slug).get("status").asText()).isEqualTo("SUSPENDED");

        // when the operator suspends it too, for a reason of its own
        Api.Response suspended = operator.post("/api/platform/tenants/" + slug + "/suspension",
                "{\"reason\":\"abuse report 17\"}");

        // then both causes are named, the operator's with its reason and the operator as actor
        assertThat(suspended.status()).as(suspended.body().toString()).isEqualTo(200);
        assertThat(suspended.text("status")).isEqualTo("SUSPENDED");
        assertThat(suspended.body().get("byOperator").asBoolean()).isTrue();
        assertThat(suspended.body().get("forUnpaidInvoice").asBoolean()).isTrue();
        var both = row(operator, slug).get("suspension");
        assertThat(both.get("operatorReason").asText()).isEqualTo("abuse report 17");
        assertThat(both.get("operatorActor").asText()).contains("platform-admin");
        assertThat(both.get("billingReason").asText()).isEqualTo("grace period over after invoice in_2 failed");
        // and the operator's console and the tenant's billing page show both, in English and in Chinese
        UiSession console = UiSession.signIn(port, TestPeople.OPERATOR, TestPeople.PASSWORD);
        String english = console.get("/ui/platform/tenants?lang=en").body();
        assertThat(english).contains("held-by-operator-" + slug, "Suspended by the operator", "abuse report 17",
                "held-for-invoice-" + slug, "Suspended for an unpaid invoice", "grace period over");
        String chinese = console.get("/ui/platform/tenants?lang=zh-CN").body();
        assertThat(chinese).contains("运营人员", "abuse report 17", "因账单未付而暂停");
        UiSession administrator = UiSession.signIn(port, tenant.email(), tenant.password());
        String page = administrator.get("/ui/billing?lang=en").body();
        assertThat(page).contains("id=\"suspended-by-operator\"", "Suspended by the platform operator",
                "abuse report 17", "paying does not lift it", "id=\"suspended-for-invoice\"",
                "Paying the invoice lifts it");
        assertThat(administrator.get("/ui/billing?lang=zh-CN").body()).contains("平台运营方", "付款不会解除此暂停",
                "因账单未付而暂停");
        screenshots(tenant, slug, "both");

        // when the operator resumes, then only its own suspension is lifted: the unpaid invoice still holds it
        Api.Response resumed = operator.post("/api/platform/tenants/" + slug + "/resumption",
                "{\"reason\":\"abuse cleared\"}");
        assertThat(resumed.status()).as(resumed.body().toString()).isEqualTo(200);
        assertThat(resumed.text("status")).isEqualTo("SUSPENDED");
        assertThat(resumed.body().get("byOperator").asBoolean()).isFalse();
        assertThat(resumed.body().get("forUnpaidInvoice").asBoolean()).isTrue();

        // when the operator suspends again and then the invoice is paid
        assertThat(operator.post("/api/platform/tenants/" + slug + "/suspension",
                "{\"reason\":\"abuse report 18\"}").status()).isEqualTo(200);
        TenantStatus afterPaying = billing(slug, TenantStatus.ACTIVE, "invoice in_2 paid");

        // then paying lifts only the invoice's suspension: the operator's still holds
        assertThat(afterPaying).isEqualTo(TenantStatus.SUSPENDED);
        var operatorOnly = row(operator, slug);
        assertThat(operatorOnly.get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(operatorOnly.get("suspension").get("byOperator").asBoolean()).isTrue();
        assertThat(operatorOnly.get("suspension").get("forUnpaidInvoice").asBoolean()).isFalse();
        String afterPayment = administrator.get("/ui/billing?lang=en").body();
        assertThat(afterPayment).contains("abuse report 18").doesNotContain("id=\"suspended-for-invoice\"")
                .doesNotContain("id=\"suspended-note\"");

        // and when the operator resumes, the tenant is where billing put it: active
        Api.Response active = operator.post("/api/platform/tenants/" + slug + "/resumption",
                "{\"reason\":\"abuse report 18 cleared\"}");
        assertThat(active.text("status")).isEqualTo("ACTIVE");
        assertThat(row(operator, slug).get("suspension").get("byOperator").asBoolean()).isFalse();
    }

    private TenantStatus billing(String slug, TenantStatus to, String reason) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                new ChangeTenantStatus(new TenantId(slug), to, reason)).andMetaData(Map.of(
                MetadataKeys.TENANT, slug, MetadataKeys.ACTOR, "platform-billing",
                MetadataKeys.ORIGIN, "platform-billing")));
    }

    private static com.fasterxml.jackson.databind.JsonNode row(Api operator, String slug) {
        for (var row : operator.get("/api/platform/tenants").body()) {
            if (row.get("tenantId").asText().equals(slug)) {
                return row;
            }
        }
        throw new AssertionError("no row of " + slug);
    }

    /** The console and the billing page at desktop size in English and on a 390 px phone in Chinese. */
    private void screenshots(SignedUpTenants.SignedUp tenant, String slug, String state) {
        String base = "http://127.0.0.1:" + port;
        for (String size : new String[] {"desktop", "phone"}) {
            try (Chromium chromium = size.equals("desktop") ? Chromium.desktop() : Chromium.phone("zh-CN")) {
                WebDriver browser = chromium.driver();
                String lang = size.equals("desktop") ? "en" : "zh-CN";
                signIn(chromium, base, TestPeople.OPERATOR, TestPeople.PASSWORD);
                browser.get(base + "/ui/platform/tenants?lang=" + lang);
                chromium.waitFor(By.id("held-by-operator-" + slug));
                chromium.screenshot("suspension-console-" + state + "-" + size);
            }
            try (Chromium chromium = size.equals("desktop") ? Chromium.desktop() : Chromium.phone("zh-CN")) {
                WebDriver browser = chromium.driver();
                String lang = size.equals("desktop") ? "en" : "zh-CN";
                signIn(chromium, base, tenant.email(), tenant.password());
                browser.get(base + "/ui/billing?lang=" + lang);
                chromium.waitFor(By.id("suspended-by-operator"));
                assertThat(chromium.text("suspended-by-operator")).contains("abuse report 17");
                chromium.screenshot("suspension-billing-" + state + "-" + size);
            }
        }
    }

    private static void signIn(Chromium chromium, String base, String username, String password) {
        chromium.signIn(base + "/ui", username, password);
    }
}
