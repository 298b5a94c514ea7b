package com.meterledger.app.ui;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.UiSession;
import com.meterledger.app.support.TestPeople;
import com.meterledger.query.report.PropertyPeriodTable;
import com.meterledger.query.report.ReportFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The web UI's pages over HTTP with a signed-in session: live stream, downloads, sign-out and bad input. */
class WebUiPagesTest extends IntegrationTest {
    private String id;
    private UiSession landlord;

    @BeforeEach
    void aFundedAccountAndASignedInLandlord() {
        id = "uip-" + UUID.randomUUID().toString().substring(0, 8);
        Api api = as(TENANT_A);
        Premises.moveIn(api, id, "10", Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS),
                "1000");
        assertThat(api.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":20000,"currency":"EUR","reference":"%s-cash"}""".formatted(id)).status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/accounts/a-" + id).status() == 200);
        landlord = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);
    }

    @Test
    void theDashboardStreamSendsTheRenderedFiguresAsServerSentEvents() {
        await().atMost(Duration.ofSeconds(20)).until(() -> landlord.get("/ui/properties/p-" + id).body()
                .contains("200.00 EUR"));

        String html = landlord.firstEvent("/ui/properties/p-" + id + "/stream", "dashboard");

        assertThat(html).contains("id=\"credits-today-EUR\"").contains("200.00 EUR").doesNotContain("\n");
    }

    @Test
    void thePeriodReportDownloadsAsCsvWithTheReportColumns() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        UiSession.Page csv = landlord.get("/ui/properties/p-%s/report.csv?from=%s&to=%s"
                .formatted(id, today.minusDays(7), today));

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElseThrow())
                .isEqualTo(String.join(",", PropertyPeriodTable.HEADER));
        assertThat(csv.body()).contains("a-" + id + ",u-" + id);
    }

    @Test
    void thePeriodReportDownloadsAsAnXlsxWorkbook() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        UiSession.Page xlsx = landlord.get("/ui/properties/p-%s/report.xlsx?from=%s&to=%s"
                .formatted(id, today.minusDays(7), today));

        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.contentType()).isEqualTo(ReportFiles.XLSX.toString());
        assertThat(xlsx.body()).startsWith("PK");
    }

    @Test
    void aReportPeriodLongerThanAYearIsRefusedNamingTheLimit() {
        UiSession.Page page = landlord.get("/ui/properties/p-%s/report?from=2024-01-01&to=2025-12-31".formatted(id));

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("at most 366 days");
    }

    @Test
    void anInstantThatIsNoDateIsABadRequestPage() {
        UiSession.Page page = landlord.get("/ui/audit/balance?accountId=a-%s&at=yesterday".formatted(id));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("&#39;at&#39; must be a date and time");
    }

    @Test
    void malformedSearchSyntaxIsABadRequestPageWithTheParsersReason() {
        UiSession.Page page = landlord.get("/ui/audit/events?q=%22unclosed");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("the search syntax is not valid");
    }

    @Test
    void aPlatformOperatorRebuildsTheAccountProjectionAndFollowsItsProgressToTheEnd() {
        UiSession operator = UiSession.signIn(port, TestPeople.OPERATOR, TestPeople.PASSWORD);

        UiSession.Page started = operator.post("/ui/platform/projections/account-projection/rebuild");

        assertThat(started.status()).isEqualTo(200);
        assertThat(started.body()).contains("id=\"rebuild-state\"");
        await().atMost(Duration.ofSeconds(60)).until(() -> operator
                .get("/ui/platform/projections/account-projection/status").body()
                .contains("id=\"rebuild-state\">DONE</strong>"));
        assertThat(operator.get("/ui/platform/projections/account-projection/status").body())
                .contains("100.0 %").contains("hx-trigger=\"none\"");
    }

    @Test
    void theSessionCookieOpensNoApiEndpoint() {
        UiSession.Page me = landlord.get("/api/me");

        assertThat(me.status()).isEqualTo(401);
    }

    @Test
    void signingOutEndsTheSession() {
        UiSession.Page out = landlord.post("/ui/logout");

        assertThat(out.status()).isEqualTo(302);
        assertThat(out.location()).endsWith("/ui/signed-out");
        assertThat(landlord.get("/ui").status()).isEqualTo(302);
    }
}
