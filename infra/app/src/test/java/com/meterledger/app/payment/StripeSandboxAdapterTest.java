package com.meterledger.app.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.payment.PaymentId;
import com.meterledger.api.payment.PaymentMethod;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.gateway.payment.StripeClientGateway;
import com.meterledger.gateway.payment.StripeGateway;
import com.meterledger.gateway.payment.StripeProperties;
import com.meterledger.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production Stripe adapter against the local sandbox, no application around it: the sandbox answers every call
 * the adapter makes the way the adapter reads Stripe, including its cursor paging past one page of 100.
 */
class StripeSandboxAdapterTest {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private StripeSandbox sandbox;
    private StripeGateway stripe;

    @BeforeEach
    void aSandboxAndTheAdapterPointedAtIt() throws Exception {
        sandbox = StripeSandbox.start(0, "whsec_adapter_test", null);
        stripe = new StripeClientGateway(new StripeProperties("sk_test_adapter", sandbox.baseUrl(), "", null, null,
                null, null));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aConnectedAccountTakesChargesOnlyAfterOnboardingAndEveryChargeAndPayoutIsListedAcrossPages() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        StripeGateway.ConnectedAccount account = stripe.createConnectedAccount(new TenantId("t-adapter"));
        assertThat(account.chargesEnabled()).isFalse();
        assertThatThrownBy(() -> checkout(account.id(), 0)).isInstanceOf(StripeGateway.StripeUnavailable.class);

        String onboarding = stripe.createOnboardingLink(account.id(), "http://app.test/refresh", "http://app.test/return")
                .url();
        assertThat(post(onboarding).headers().firstValue("Location")).hasValue("http://app.test/return");
        assertThat(stripe.retrieveAccount(account.id()).chargesEnabled()).isTrue();

        // only the Pay button's POST pays; a link followed by GET does not
        String first = checkout(account.id(), -1).url();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(first + "/pay")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(stripe.balanceTransactions(account.id(), from, Instant.now().plusSeconds(1))).isEmpty();

        int payments = 105;
        for (int i = 0; i < payments; i++) {
            StripeGateway.CheckoutSession session = checkout(account.id(), i);
            assertThat(post(session.url() + "/pay").statusCode()).isEqualTo(303);
        }
        assertThat(post(sandbox.baseUrl() + "/v1/payouts", "amount=500&currency=eur", account.id()).statusCode())
                .isEqualTo(200);

        Instant to = Instant.now().plusSeconds(1);
        List<StripeGateway.BalanceLine> lines = stripe.balanceTransactions(account.id(), from, to);
        assertThat(lines).hasSize(payments + 1).extracting(StripeGateway.BalanceLine::id).doesNotHaveDuplicates();
        assertThat(lines).filteredOn(line -> line.type().equals("charge")).hasSize(payments).allSatisfy(line -> {
            assertThat(line.amount()).isEqualTo(1000);
            assertThat(line.applicationFee()).isEqualTo(50);
            assertThat(line.paymentIntentId()).startsWith("pi_");
        });
        assertThat(stripe.payouts(account.id(), from, to)).singleElement()
                .satisfies(payout -> assertThat(payout.amount()).isEqualTo(500));
        assertThat(stripe.balanceTransactions(account.id(), to, to.plusSeconds(60))).isEmpty();
    }

    @Test
    void givenWeChatPayAndAlipayOffered_whenTheSessionIsMade_thenCheckoutShowsThemAndTheChargeNamesTheMethodPaid()
            throws Exception {
        StripeGateway.ConnectedAccount account = stripe.createConnectedAccount(new TenantId("t-adapter-cn"));
        post(stripe.createOnboardingLink(account.id(), "http://app.test/refresh", "http://app.test/return").url());
        Instant from = Instant.now().minusSeconds(1);

        // the sandbox refuses wechat_pay without payment_method_options[wechat_pay][client]=web, as Stripe does
        StripeGateway.CheckoutSession session = stripe.createCheckoutSession(new StripeGateway.CheckoutRequest(
                new PaymentId("pay-adapter-cn"), new AccountId("a-adapter-cn"), Money.of(5000, "CNY"), "top-up",
                account.id(), 0, List.of(PaymentMethod.CARD, PaymentMethod.WECHAT_PAY, PaymentMethod.ALIPAY)));

        String page = http.send(HttpRequest.newBuilder(URI.create(session.url())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("50.00 CNY", ">Pay<", "Pay with WeChat Pay 微信支付", "Pay with Alipay 支付宝");
        assertThat(post(session.url() + "/pay/alipay").statusCode()).isEqualTo(303);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(session.url())).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("Paid: 50.00 CNY (alipay)");
        assertThat(stripe.balanceTransactions(account.id(), from, Instant.now().plusSeconds(1)))
                .singleElement().satisfies(line -> assertThat(line.amount()).isEqualTo(5000));

        // a card-only session offers card alone, and a method it did not offer cannot be paid with
        StripeGateway.CheckoutSession cardOnly = checkout(account.id(), 1);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(cardOnly.url())).build(),
                HttpResponse.BodyHandlers.ofString()).body()).doesNotContain("WeChat", "Alipay");
        assertThat(post(cardOnly.url() + "/pay/wechat_pay").statusCode()).isEqualTo(404);
    }

    private StripeGateway.CheckoutSession checkout(String account, int n) {
        return stripe.createCheckoutSession(new StripeGateway.CheckoutRequest(new PaymentId("pay-adapter-" + n),
                new AccountId("a-adapter"), Money.of(1000, "EUR"), "top-up", account, 50));
    }

    private HttpResponse<String> post(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String form, String account) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer sk_test_adapter").header("Stripe-Account", account)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
