package com.meterledger.app.payment;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Cash-desk and bank-transfer top-ups under receipt numbers, through the account's own rules, and their receipts. */
class OfflinePaymentTest extends IntegrationTest {
    @Autowired
    JdbcClient jdbc;

    private EventStore events;
    private String id;
    private String account;
    private Api finance;

    @BeforeEach
    void anOpenAccount() {
        events = new EventStore(jdbc);
        id = UUID.randomUUID().toString().substring(0, 8);
        account = "a-" + id;
        finance = as(TENANT_A);
        Premises.moveIn(finance, id, "100", Instant.parse("2026-03-01T00:00:00Z"), "0");
        await().atMost(Duration.ofSeconds(10)).until(() -> finance.get("/api/accounts/" + account).status() == 200);
    }

    @Test
    void aCashPaymentCreditsTheAccountOnceUnderItsReceiptNumberAndTheSameReceiptAgainIsANoOp() {
        Api.Response first = pay("R-" + id, 2500, "EUR", "CASH");
        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        assertThat(first.text("status")).isEqualTo("CREDITED");
        assertThat(first.number("balanceAfterMinor")).isEqualTo(2500);

        Api.Response again = pay("R-" + id, 2500, "EUR", "CASH");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("status")).isEqualTo("DUPLICATE");
        assertThat(events.ofType(account, "AccountCredited")).singleElement().satisfies(credit -> {
            assertThat(credit.payload().get("reference").asText()).isEqualTo("receipt:R-" + id);
            assertThat(credit.payload().get("amount").get("minorUnits").asLong()).isEqualTo(2500);
        });
    }

    @Test
    void theSameReceiptNumberForAnotherAmountOrAccountIsAConflictAndCreditsNothing() {
        assertThat(pay("B-" + id, 2500, "EUR", "BANK_TRANSFER").status()).isEqualTo(201);

        Api.Response otherAmount = pay("B-" + id, 3000, "EUR", "BANK_TRANSFER");
        assertThat(otherAmount.status()).isEqualTo(409);
        assertThat(otherAmount.text("rule")).isEqualTo("receipt-number-used");
        String other = "o" + id;
        Premises.moveIn(finance, other, "100", Instant.parse("2026-03-01T00:00:00Z"), "0");
        await().atMost(Duration.ofSeconds(10)).until(() -> finance.get("/api/accounts/a-" + other).status() == 200);
        assertThat(finance.post("/api/accounts/a-%s/offline-payments".formatted(other), body("B-" + id, 2500, "EUR",
                "BANK_TRANSFER", null)).status()).isEqualTo(409);

        assertThat(events.ofType(account, "AccountCredited")).hasSize(1);
        assertThat(events.ofType("a-" + other, "AccountCredited")).isEmpty();
    }

    @Test
    void aRefusedPaymentCreditsNothingAndLeavesItsReceiptNumberFree() {
        Api.Response dollars = pay("C-" + id, 2500, "USD", "CASH");
        assertThat(dollars.status()).isEqualTo(422);
        assertThat(dollars.text("rule")).isEqualTo("currency-mismatch");
        Api.Response tooSmall = pay("C-" + id, 99, "EUR", "CASH");
        assertThat(tooSmall.status()).isEqualTo(422);
        assertThat(tooSmall.text("rule")).isEqualTo("payment-amount-out-of-limits");
        assertThat(pay("C-" + id, 100_001, "EUR", "CASH").status()).isEqualTo(422);
        assertThat(finance.post("/api/accounts/%s/offline-payments".formatted(account), """
                {"receiptNumber":"C-%s","amountMinor":"lots","currency":"EUR","method":"CASH"}""".formatted(id))
                .status()).isEqualTo(400);
        assertThat(pay("bad receipt/number", 2500, "EUR", "CASH").status()).isEqualTo(400);
        assertThat(pay("C-" + id, 2500, "EUR", "CHEQUE").status()).isEqualTo(400);
        assertThat(events.ofType(account, "AccountCredited")).isEmpty();

        assertThat(pay("C-" + id, 2500, "EUR", "CASH").status()).isEqualTo(201);
    }

    @Test
    void thePurchaseSequenceRulesApply() {
        assertThat(finance.post("/api/accounts/%s/offline-payments".formatted(account),
                body("S1-" + id, 1000, "EUR", "CASH", 1L)).status()).isEqualTo(201);
        Api.Response reused = finance.post("/api/accounts/%s/offline-payments".formatted(account),
                body("S2-" + id, 1000, "EUR", "CASH", 1L));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.text("rule")).isEqualTo("purchase-sequence-used");
        assertThat(finance.post("/api/accounts/%s/offline-payments".formatted(account),
                body("S3-" + id, 1000, "EUR", "CASH", 4L)).status()).isEqualTo(201);

        assertThat(events.ofType(account, "AccountCredited")).hasSize(2);
        assertThat(events.ofType(account, "PurchaseSequenceGapDetected")).singleElement()
                .satisfies(gap -> assertThat(gap.payload().get("received").asLong()).isEqualTo(4));
    }

    @Test
    void theReceiptIsAPrintablePageOfTheTenantsOwnPaymentsOnly() throws Exception {
        assertThat(pay("P-" + id, 1000, "EUR", "CASH").status()).isEqualTo(201);
        assertThat(pay("Q-" + id, 2550, "EUR", "BANK_TRANSFER").status()).isEqualTo(201);

        HttpResponse<String> page = html("/api/accounts/%s/receipts/Q-%s".formatted(account, id),
                TestTokens.adminOf(TENANT_A, port));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("Q-" + id, "u-" + id, "Bank transfer", "25.50 EUR", "35.50 EUR", TENANT_A,
                "@media print");

        assertThat(html("/api/accounts/%s/receipts/Q-%s".formatted(account, id),
                TestTokens.adminOf(TENANT_B, port)).statusCode()).isEqualTo(404);
        assertThat(html("/api/accounts/%s/receipts/none-%s".formatted(account, id),
                TestTokens.adminOf(TENANT_A, port)).statusCode()).isEqualTo(404);
    }

    private Api.Response pay(String receipt, long amount, String currency, String method) {
        return finance.post("/api/accounts/%s/offline-payments".formatted(account),
                body(receipt, amount, currency, method, null));
    }

    private static String body(String receipt, long amount, String currency, String method, Long sequence) {
        return """
                {"receiptNumber":"%s","amountMinor":%d,"currency":"%s","method":"%s"%s}"""
                .formatted(receipt, amount, currency, method, sequence == null ? "" : ",\"purchaseSequence\":" + sequence);
    }

    private HttpResponse<String> html(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Accept", "text/html,*/*;q=0.8").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
