package com.meterledger.app.ui;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.StripeFake;
import com.meterledger.app.support.StripeFake.Payout;
import com.meterledger.app.support.StripeFake.Transaction;
import com.meterledger.app.support.TestTokens;
import com.meterledger.app.support.UiSession;
import com.meterledger.app.support.TestPeople;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The finance pages of the web UI over HTTP with signed-in sessions: the Stripe reconciliation against the Stripe fake,
 * Stripe Connect state and fee, and the account page's payment links. Tenant A is the connected tenant here.
 */
class WebUiFinanceTest extends IntegrationTest {
    private static final Pattern LINK_URL = Pattern.compile("id=\"payment-link-url\" readonly size=\"70\" value=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newHttpClient();
    private String id;
    private Api admin;
    private String stripeAccount;

    @BeforeEach
    void aConnectedTenant() {
        id = UUID.randomUUID().toString().substring(0, 8);
        admin = as(TENANT_A);
        stripeAccount = StripeFake.onboard(admin, TENANT_A);
    }

    @AfterEach
    void noFeeLeftForOtherTests() {
        assertThat(admin.put("/api/payments/settings", """
                {"basisPoints":0,"fixedMinor":0}""").status()).isEqualTo(200);
    }

    @Test
    void financeRunsADayAndSeesEveryLineMatchedWithCountsAndTheApiExportAsCsv() throws Exception {
        UiSession finance = UiSession.signIn(port, TestPeople.FINANCE_A, TestPeople.PASSWORD);
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(11);
        StripeFake.balance(stripeAccount, 10, List.of(Transaction.payout("txn_ui_" + id, "po_ui_" + id, 4200)),
                List.of(new Payout("po_ui_" + id, 4200)));

        UiSession.Page run = finance.post("/ui/finance/reconciliation/runs?date=" + day);

        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.body()).contains("id=\"all-matched\"").contains("po_ui_" + id)
                .contains("id=\"count-MATCHED\">1<").contains("id=\"count-AMOUNT_MISMATCH\">0<")
                .contains("42.00 EUR");
        assertThat(finance.get("/ui/finance/reconciliation?date=" + day).body()).contains("po_ui_" + id)
                .contains("id=\"all-matched\"");
        UiSession.Page csv = finance.get("/ui/finance/reconciliation.csv?date=" + day);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).isEqualTo(apiExport(day)).contains(",PAYOUT,MATCHED,po_ui_" + id + ",");
    }

    @Test
    void aDayNeverReconciledSaysSoAndOffersNoDownload() {
        UiSession finance = UiSession.signIn(port, TestPeople.FINANCE_A, TestPeople.PASSWORD);

        UiSession.Page page = finance.get("/ui/finance/reconciliation?date=2001-01-01");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"never-run\"").contains("id=\"run-reconciliation\"")
                .doesNotContain("id=\"download-csv\"");
    }

    @Test
    void anAuditorReadsTheReconciliationButIsOfferedNoRun() {
        UiSession auditor = UiSession.signIn(port, TestPeople.AUDITOR_A, TestPeople.PASSWORD);

        UiSession.Page page = auditor.get("/ui/finance/reconciliation?date=2001-01-01");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"never-run\"").doesNotContain("id=\"run-reconciliation\"");
    }

    @Test
    void aDateThatIsNoDateIsABadRequestPage() {
        UiSession finance = UiSession.signIn(port, TestPeople.FINANCE_A, TestPeople.PASSWORD);

        UiSession.Page page = finance.get("/ui/finance/reconciliation?date=yesterday");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("&#39;date&#39; is not a valid LocalDate");
    }

    @Test
    void aRunOfAFutureDayIsRefusedWithTheReasonAndStoresNothing() {
        UiSession finance = UiSession.signIn(port, TestPeople.FINANCE_A, TestPeople.PASSWORD);
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);

        UiSession.Page page = finance.post("/ui/finance/reconciliation/runs?date=" + tomorrow);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("a day in the future cannot be reconciled");
        assertThat(finance.get("/ui/finance/reconciliation?date=" + tomorrow).body()).contains("id=\"never-run\"");
    }

    @Test
    void theTenantAdminSeesStripesStateAndGetsAnOnboardingLinkFromTheConnectButton() {
        UiSession landlord = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);
        StripeFake.accountState(stripeAccount, false, false, true);

        UiSession.Page page = landlord.get("/ui/finance/stripe");
        assertThat(page.body()).contains("id=\"connected-account\">" + stripeAccount + "<")
                .contains("id=\"charges-enabled\">not enabled<").contains("id=\"connect-stripe\"");

        UiSession.Page connect = landlord.post("/ui/finance/stripe/connect");
        StripeFake.accountState(stripeAccount, true, true, true);

        assertThat(connect.status()).isEqualTo(200);
        assertThat(connect.body()).contains("id=\"onboarding-link\" href=\"https://connect.stripe.com/");
    }

    @Test
    void theTenantAdminSetsTheFeeAndFinanceReadsItWithoutTheForm() {
        UiSession landlord = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);

        UiSession.Page saved = landlord.post("/ui/finance/stripe/fee?basisPoints=150&fixedMinor=30");

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("id=\"fee-saved\"").contains("id=\"fee-basis-points\">150<");
        assertThat(admin.get("/api/payments/settings").number("fixedMinor")).isEqualTo(30);
        String forFinance = UiSession.signIn(port, TestPeople.FINANCE_A, TestPeople.PASSWORD).get("/ui/finance/stripe")
                .body();
        assertThat(forFinance).contains("id=\"fee-fixed\">30<").doesNotContain("id=\"save-fee\"")
                .doesNotContain("id=\"connect-stripe\"");
    }

    @Test
    void aFeeOutOfRangeIsABadRequestPageWithTheLimitsAndChangesNothing() {
        UiSession landlord = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);
        assertThat(landlord.post("/ui/finance/stripe/fee?basisPoints=120&fixedMinor=25").status()).isEqualTo(200);

        UiSession.Page refused = landlord.post("/ui/finance/stripe/fee?basisPoints=10001&fixedMinor=0");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("an application fee is 0..10000 basis points");
        assertThat(admin.get("/api/payments/settings").number("basisPoints")).isEqualTo(120);
    }

    @Test
    void anIssuedPaymentLinkIsShownOnceAndOpensTheAccountUntilRevoked() throws Exception {
        String account = fundedAccount();
        UiSession landlord = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);
        assertThat(landlord.get("/ui/accounts/" + account).body()).contains("id=\"issue-link\"");

        UiSession.Page issued = landlord.post("/ui/accounts/%s/payment-links".formatted(account));

        assertThat(issued.status()).isEqualTo(200);
        Matcher url = LINK_URL.matcher(issued.body());
        assertThat(url.find()).as(issued.body()).isTrue();
        assertThat(url.group(1)).startsWith("http://occupants.test/pay/" + account + "?token=");
        String token = url.group(1).substring(url.group(1).indexOf("?token=") + 7);
        assertThat(occupantBalance(account, token).statusCode()).isEqualTo(200);
        assertThat(occupantBalance(account, token).body()).contains("\"balanceMinor\":20000");

        String linkId = issued.body().replaceAll("(?s).*id=\"issued-link-id\">([^<]+)<.*", "$1");
        UiSession.Page revoked = landlord.post("/ui/payment-links/%s/revoke".formatted(linkId));

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body()).contains("id=\"link-revoked\"");
        assertThat(occupantBalance(account, token).statusCode()).isEqualTo(401);
    }

    @Test
    void anAuditorIsOfferedNoPaymentLinkOnTheAccountPage() {
        String account = fundedAccount();
        UiSession auditor = UiSession.signIn(port, TestPeople.AUDITOR_A, TestPeople.PASSWORD);

        UiSession.Page page = auditor.get("/ui/accounts/" + account);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("id=\"issue-link\"");
    }

    @Test
    void revokingAnUnknownLinkIsANotFoundPage() {
        UiSession landlord = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);

        UiSession.Page page = landlord.post("/ui/payment-links/pl-no-such-link/revoke");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("id=\"problem\"");
    }

    @Test
    void sendingALinkWithoutAnOccupantContactShowsTheReasonAndSendsNothing() {
        String account = fundedAccount();
        UiSession landlord = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);
        String issued = landlord.post("/ui/accounts/%s/payment-links".formatted(account)).body();
        assertThat(issued).contains("id=\"send-link-email\"").contains("id=\"send-link-sms\"");
        String linkId = issued.replaceAll("(?s).*id=\"issued-link-id\">([^<]+)<.*", "$1");

        UiSession.Page refused = landlord.post("/ui/payment-links/%s/send?channel=EMAIL".formatted(linkId));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("has no occupant contact to send the link to");
    }

    @Test
    void anOfflinePaymentCreditsTheAccountOnceAndItsPrintableReceiptOpens() {
        String account = fundedAccount();
        UiSession finance = UiSession.signIn(port, TestPeople.FINANCE_A, TestPeople.PASSWORD);
        assertThat(finance.get("/ui/accounts/" + account).body()).contains("id=\"record-offline-payment\"");
        String receipt = "R-" + id;

        UiSession.Page recorded = finance.post("/ui/accounts/%s/offline-payments?receiptNumber=%s&amount=12.50&method=CASH"
                .formatted(account, receipt));

        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
        assertThat(recorded.body()).contains("Credited").contains("12.50 EUR").contains("212.50 EUR")
                .contains("href=\"/ui/accounts/%s/receipts/%s\"".formatted(account, receipt));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                admin.get("/api/accounts/" + account).number("balanceMinor") == 21250);
        UiSession.Page printable = finance.get("/ui/accounts/%s/receipts/%s".formatted(account, receipt));
        assertThat(printable.status()).isEqualTo(200);
        assertThat(printable.contentType()).startsWith("text/html");
        assertThat(printable.body()).contains(receipt).contains("Cash").contains("12.50");
        UiSession.Page again = finance.post("/ui/accounts/%s/offline-payments?receiptNumber=%s&amount=12.50&method=CASH"
                .formatted(account, receipt));
        assertThat(again.body()).contains("Already recorded");
        assertThat(admin.get("/api/accounts/" + account).number("balanceMinor")).isEqualTo(21250);
    }

    @Test
    void badOfflinePaymentsShowTheReasonAndCreditNothing() {
        String account = fundedAccount();
        UiSession finance = UiSession.signIn(port, TestPeople.FINANCE_A, TestPeople.PASSWORD);
        String path = "/ui/accounts/" + account + "/offline-payments?method=CASH&";
        assertThat(finance.post(path + "receiptNumber=R1-" + id + "&amount=5.00").status()).isEqualTo(200);

        UiSession.Page tooPrecise = finance.post(path + "receiptNumber=R2-" + id + "&amount=1.234");
        UiSession.Page negative = finance.post(path + "receiptNumber=R3-" + id + "&amount=-5");
        UiSession.Page badNumber = finance.post(path + "receiptNumber=bad%20receipt&amount=5");
        UiSession.Page reused = finance.post(path + "receiptNumber=R1-" + id + "&amount=6.00");

        assertThat(tooPrecise.status()).isEqualTo(400);
        assertThat(tooPrecise.body()).contains("at most 2 decimals");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body()).contains("&#39;amountMinor&#39; must be greater than 0");
        assertThat(badNumber.status()).isEqualTo(400);
        assertThat(badNumber.body()).contains("&#39;receiptNumber&#39;");
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.body()).contains("was already used for another payment");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                admin.get("/api/accounts/" + account).number("balanceMinor") == 20500);
        assertThat(finance.get("/ui/accounts/%s/receipts/R2-%s".formatted(account, id)).status()).isEqualTo(404);
    }

    private String fundedAccount() {
        Premises.moveIn(admin, id, "10", Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS), "0");
        assertThat(admin.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":20000,"currency":"EUR","reference":"%s-cash"}""".formatted(id)).status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/accounts/a-" + id).status() == 200);
        return "a-" + id;
    }

    private HttpResponse<String> occupantBalance(String account, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:%d/pay/%s/balance?token=%s"
                .formatted(port, account, token))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String apiExport(LocalDate day) throws Exception {
        HttpResponse<String> csv = http.send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:%d/api/payments/reconciliation/export?date=%s".formatted(port, day)))
                .header("Authorization", "Bearer " + TestTokens.adminOf(TENANT_A, port)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        return csv.body();
    }
}
