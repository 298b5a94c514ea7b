package com.meterledger.app.payment;

import com.meterledger.api.shared.TenantId;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.StripeFake;
import com.meterledger.app.support.StripeFake.Payout;
import com.meterledger.app.support.StripeFake.Transaction;
import com.meterledger.app.support.UiSession;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.gateway.payment.ConnectedAccounts;
import com.meterledger.gateway.payment.StripeGateway;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReport;
import com.meterledger.gateway.payment.reconciliation.ReconciliationStore;
import com.meterledger.gateway.payment.reconciliation.StripeReconciliation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A tenant in Asia/Shanghai reconciles its own days: at 00:30 in Shanghai (16:30 UTC, still the day before in UTC)
 * its "yesterday" is Shanghai's, the day asked of Stripe runs from Shanghai's midnight to the next, Shanghai's today
 * may be run and its tomorrow may not; the run keeps the zone its day was counted in, and the finance page opens on
 * the tenant's yesterday, names the zone and words the lines' kind and outcome, in the page and in the download.
 */
class ReconciliationTenantDayTest extends IntegrationTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 00:30 on 7 December in Shanghai, 16:30 on 6 December in UTC. */
    private static final Clock HALF_PAST_MIDNIGHT_IN_SHANGHAI =
            Clock.fixed(Instant.parse("2026-12-06T16:30:00Z"), ZoneOffset.UTC);

    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    StripeGateway stripe;
    @Autowired
    ConnectedAccounts accounts;
    @Autowired
    ReconciliationStore store;
    @Autowired
    StripeReconciliation reconciliation;

    @Test
    void givenAShanghaiTenantAtHalfPastMidnight_whenItReconcilesYesterday_thenTheDayIsShanghais_andSaidInItsZone() {
        SignedUpTenants.SignedUp landlord = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN");
        TenantId tenant = new TenantId(landlord.slug());
        Api admin = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, landlord.email(), landlord.password()).orElseThrow());
        String account = StripeFake.onboard(admin, landlord.slug());
        String payout = "po_sh_" + UUID.randomUUID().toString().substring(0, 8);
        StripeFake.balance(account, 10, List.of(Transaction.payout("txn_" + payout, payout, 4200)),
                List.of(new Payout(payout, 4200)));
        StripeReconciliation atHalfPastMidnight = new StripeReconciliation(stripe, accounts, store,
                HALF_PAST_MIDNIGHT_IN_SHANGHAI, reconciliation::zone);

        LocalDate yesterday = atHalfPastMidnight.yesterday(tenant);
        ReconciliationReport report = atHalfPastMidnight.run(tenant, yesterday, "finance");

        assertThat(yesterday).isEqualTo(LocalDate.parse("2026-12-06"));
        assertThat(report.timeZone()).isEqualTo("Asia/Shanghai");
        assertThat(report.lines()).singleElement().satisfies(line -> {
            assertThat(line.kind()).isEqualTo(ReconciliationReport.Kind.PAYOUT);
            assertThat(line.outcome()).isEqualTo(ReconciliationReport.Outcome.MATCHED);
        });
        assertThat(StripeFake.server().findAll(getRequestedFor(urlPathEqualTo("/v1/balance_transactions"))
                .withQueryParam("created[gte]", equalTo(epoch("2026-12-05T16:00:00Z")))
                .withQueryParam("created[lt]", equalTo(epoch("2026-12-06T16:00:00Z")))))
                .as("the day asked of Stripe is Shanghai's 6 December").isNotEmpty();
        assertThat(atHalfPastMidnight.run(tenant, LocalDate.parse("2026-12-07"), "finance").date())
                .as("Shanghai's today has begun").isEqualTo(LocalDate.parse("2026-12-07"));
        assertThatThrownBy(() -> atHalfPastMidnight.run(tenant, LocalDate.parse("2026-12-08"), "finance"))
                .isInstanceOf(IllegalArgumentException.class);

        UiSession finance = UiSession.signIn(port, landlord.email(), landlord.password());
        LocalDate before = LocalDate.now(SHANGHAI).minusDays(1);
        UiSession.Page opened = finance.get("/ui/finance/reconciliation");
        LocalDate after = LocalDate.now(SHANGHAI).minusDays(1);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.body()).contains("日期（Asia/Shanghai）")
                .containsAnyOf("value=\"" + before + "\"", "value=\"" + after + "\"");
        UiSession.Page day = finance.get("/ui/finance/reconciliation?date=2026-12-06");
        assertThat(day.body()).contains("结算出款", "一致", payout).doesNotContain(">PAYOUT<");
        assertThat(finance.get("/ui/finance/reconciliation.csv?date=2026-12-06").body())
                .contains(",结算出款,一致," + payout + ",");
        assertThat(admin.get("/api/payments/reconciliation?date=2026-12-06").body().get("timeZone").asText())
                .isEqualTo("Asia/Shanghai");
    }

    private static String epoch(String instant) {
        return Long.toString(Instant.parse(instant).getEpochSecond());
    }
}
