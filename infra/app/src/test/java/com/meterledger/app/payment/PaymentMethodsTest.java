package com.meterledger.app.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.payment.PaymentId;
import com.meterledger.api.payment.PaymentMethod;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChoosePaymentMethods;
import com.meterledger.api.tenant.PaymentMethodChoice;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.StripeFake;
import com.meterledger.app.support.UiSession;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.gateway.payment.CheckoutService;
import com.meterledger.gateway.payment.StripeGateway;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WeChat Pay and Alipay for occupants' one-time top-ups: offered where the landlord chose them and the currency
 * allows, card otherwise; what reaches Stripe is the form Checkout reads.
 */
class PaymentMethodsTest extends IntegrationTest {
    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    CommandGateway commands;
    @Autowired
    CheckoutService checkouts;
    @Autowired
    StripeGateway stripe;
    @Autowired
    JdbcClient jdbc;

    @Test
    void givenAChineseLandlord_whenItChoosesWeChatPayAndAlipay_thenYuanTopUpsOfferThemAndTheChangeNamesOnlyItsActor() {
        String slug = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN").slug();
        TenantId tenant = new TenantId(slug);
        assertThat(checkouts.methodsFor(tenant, Money.of(5_000, "CNY"))).containsExactly(PaymentMethod.CARD);

        commands.sendAndWait(new ChoosePaymentMethods(tenant, new PaymentMethodChoice(
                        Set.of(PaymentMethod.CARD, PaymentMethod.WECHAT_PAY, PaymentMethod.ALIPAY))),
                MetaData.with(MetadataKeys.TENANT, slug).and(MetadataKeys.ACTOR, "person:test-admin")
                        .and(MetadataKeys.ORIGIN, "rest"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                checkouts.methodsFor(tenant, Money.of(5_000, "CNY")))
                .containsExactly(PaymentMethod.CARD, PaymentMethod.WECHAT_PAY, PaymentMethod.ALIPAY));
        // the same landlord's choice, a currency Stripe takes for neither: card alone
        assertThat(checkouts.methodsFor(tenant, Money.of(5_000, "BRL"))).containsExactly(PaymentMethod.CARD);
        // another tenant did not choose: card alone
        assertThat(checkouts.methodsFor(new TenantId(TENANT_A), Money.of(5_000, "EUR")))
                .containsExactly(PaymentMethod.CARD);
        EventStore.StoredEvent chosen = new EventStore(jdbc).ofType(slug, "PaymentMethodsChosen").getFirst();
        assertThat(chosen.metadata().get(MetadataKeys.ACTOR).asText()).isEqualTo("person:test-admin");
        assertThat(chosen.payload().toString()).contains("WECHAT_PAY", "ALIPAY").doesNotContain("@", "王经理");
    }

    @Test
    void givenTheSettingsPage_whenTheAdministratorTicksAlipay_thenOnlyCardAndAlipayAreChosenAndTheFormSaysSo() {
        SignedUpTenants.SignedUp signedUp = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        UiSession administrator = UiSession.signIn(port, signedUp.email(), signedUp.password());
        UiSession.Page before = administrator.get("/ui/settings");
        assertThat(before.body()).contains("Payment methods for occupants", "id=\"method-alipay\"",
                "id=\"method-wechat-pay\"");
        TenantId tenant = new TenantId(signedUp.slug());
        assertThat(checkouts.methodsFor(tenant, Money.of(5_000, "CNY"))).containsExactly(PaymentMethod.CARD);

        UiSession.Page saved = administrator.post("/ui/settings/payment-methods?alipay=true");

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("id=\"methods-saved\"");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                checkouts.methodsFor(tenant, Money.of(5_000, "CNY")))
                .containsExactly(PaymentMethod.CARD, PaymentMethod.ALIPAY));
    }

    @Test
    void givenWeChatPayAndAlipay_whenTheSessionIsCreated_thenStripeGetsTheMethodTypesAndWeChatPaysWebClient() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        StripeFake.nextCheckoutSession("cs_test_methods_" + id, 5_000, "cny");

        stripe.createCheckoutSession(new StripeGateway.CheckoutRequest(new PaymentId("pay-methods-" + id),
                new AccountId("a-methods-" + id), Money.of(5_000, "CNY"), "Prepaid top-up", "acct_methods", 0,
                List.of(PaymentMethod.CARD, PaymentMethod.WECHAT_PAY, PaymentMethod.ALIPAY)));

        StripeFake.server().verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("client_reference_id=pay-methods-" + id))
                .withRequestBody(containing("payment_method_types[0]=card"))
                .withRequestBody(containing("payment_method_types[1]=wechat_pay"))
                .withRequestBody(containing("payment_method_types[2]=alipay"))
                .withRequestBody(containing("payment_method_options[wechat_pay][client]=web"))
                .withRequestBody(containing("line_items[0][price_data][currency]=cny")));
    }

    @Test
    void givenCardOnly_whenTheSessionIsCreated_thenNoMethodListIsSentAsBeforeWeChatPayAndAlipayExisted() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        StripeFake.nextCheckoutSession("cs_test_card_" + id, 2_000, "eur");

        stripe.createCheckoutSession(new StripeGateway.CheckoutRequest(new PaymentId("pay-card-" + id),
                new AccountId("a-card-" + id), Money.of(2_000, "EUR"), "Prepaid top-up", "acct_card", 0));

        StripeFake.server().verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("client_reference_id=pay-card-" + id))
                .withRequestBody(notContaining("payment_method_types"))
                .withRequestBody(notContaining("wechat_pay")));
    }
}
