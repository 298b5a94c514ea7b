package com.meterledger.core.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.payment.CheckoutIssued;
import com.meterledger.api.payment.CompletePayment;
import com.meterledger.api.payment.PaymentId;
import com.meterledger.api.payment.PaymentMethod;
import com.meterledger.api.payment.PaymentRequested;
import com.meterledger.api.payment.PaymentSucceeded;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.MetadataKeys;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the occupant paid is part of the payment's history: the method Stripe reports is recorded in
 * {@link PaymentSucceeded}, and a success stored before the method existed (every one of them by card) reads as card.
 */
class PaymentMethodRecordedTest {
    private static final PaymentId PAYMENT = new PaymentId("pay-m");
    private static final AccountId ACCOUNT = new AccountId("a-m");
    private static final Instant AT = Instant.parse("2026-12-07T01:00:00Z");
    private static final MetaData TENANT = MetaData.with(MetadataKeys.TENANT, "tenant-cn");

    private final ObjectMapper mapper = Jackson2ObjectMapperBuilder.json().build();
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
    private AggregateTestFixture<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
    }

    private static Object event(Object payload) {
        return GenericEventMessage.asEventMessage(payload).andMetaData(TENANT);
    }

    @Test
    void givenAPaidCheckout_whenStripeReportsWeChatPay_thenTheSuccessRecordsWeChatPayAndTheAccountIsCreditedOnce() {
        Money yuan = Money.of(5_000, "CNY");
        fixture.givenCurrentTime(AT)
                .andGiven(event(new PaymentRequested(PAYMENT, ACCOUNT, yuan, AT)),
                        event(new CheckoutIssued(PAYMENT, "cs_m")))
                .when(new PaymentSteps.Succeed(new CompletePayment(PAYMENT, "cs_m", "pi_m", yuan,
                        PaymentMethod.WECHAT_PAY)), TENANT)
                .expectEvents(new PaymentSucceeded(PAYMENT, ACCOUNT, yuan, "cs_m", "pi_m", AT, PaymentMethod.WECHAT_PAY))
                .expectResultMessagePayload(new Payment.AccountEffect(null,
                        new RecordTopUp(ACCOUNT, yuan, "cs_m", null)));
    }

    @Test
    void givenACompletionWithoutAMethod_whenItIsMade_thenItMeansCard() {
        assertThat(new CompletePayment(PAYMENT, "cs_m", "pi_m", Money.of(100, "EUR"), null).method())
                .isEqualTo(PaymentMethod.CARD);
    }

    @Test
    void givenASuccessStoredBeforeTheMethodExisted_whenItIsRead_thenItWasPaidByCard() throws Exception {
        PaymentSucceeded now = new PaymentSucceeded(PAYMENT, ACCOUNT, Money.of(2_500, "EUR"), "cs_m", "pi_m", AT,
                PaymentMethod.ALIPAY);
        ObjectNode stored = (ObjectNode) mapper.readTree(serializer.serialize(now, byte[].class).getData());
        assertThat(stored.get("method").asText()).isEqualTo("ALIPAY");
        stored.remove("method");

        PaymentSucceeded old = serializer.deserialize(new SimpleSerializedObject<>(mapper.writeValueAsBytes(stored),
                byte[].class, new SimpleSerializedType(PaymentSucceeded.class.getName(), null)));

        assertThat(old).isEqualTo(new PaymentSucceeded(PAYMENT, ACCOUNT, Money.of(2_500, "EUR"), "cs_m", "pi_m", AT,
                PaymentMethod.CARD));
    }

    @Test
    void givenStripesPaymentMethodTypes_whenTheyAreRead_thenOursAreKnownAndAnyOtherIsCardBased() {
        assertThat(PaymentMethod.ofStripeType("wechat_pay")).isEqualTo(PaymentMethod.WECHAT_PAY);
        assertThat(PaymentMethod.ofStripeType("alipay")).isEqualTo(PaymentMethod.ALIPAY);
        assertThat(PaymentMethod.ofStripeType("card")).isEqualTo(PaymentMethod.CARD);
        assertThat(PaymentMethod.ofStripeType("link")).isEqualTo(PaymentMethod.CARD);
        assertThat(PaymentMethod.ofStripeType(null)).isEqualTo(PaymentMethod.CARD);
    }
}
