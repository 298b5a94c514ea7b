package com.meterledger.api.payment;

import org.junit.jupiter.api.Test;

import java.util.Currency;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PaymentMethodOfferTest {
    private static final Set<PaymentMethod> BOTH = Set.of(PaymentMethod.CARD, PaymentMethod.WECHAT_PAY,
            PaymentMethod.ALIPAY);

    @Test
    void givenAChineseLandlordWhoChoseBoth_whenAnAccountInYuanPays_thenCardWeChatPayAndAlipayAreOffered() {
        assertThat(PaymentMethodOffer.offered(BOTH, Currency.getInstance("CNY")))
                .containsExactly(PaymentMethod.CARD, PaymentMethod.WECHAT_PAY, PaymentMethod.ALIPAY);
    }

    @Test
    void givenALandlordWhoChoseNothing_whenAnAccountPays_thenOnlyCardIsOfferedAndTheVerdictSaysWhy() {
        assertThat(PaymentMethodOffer.offered(Set.of(PaymentMethod.CARD), Currency.getInstance("CNY")))
                .containsExactly(PaymentMethod.CARD);
        assertThat(PaymentMethodOffer.judge(PaymentMethod.ALIPAY, Set.of(PaymentMethod.CARD),
                Currency.getInstance("CNY"))).isEqualTo(PaymentMethodOffer.Verdict.NOT_CHOSEN);
    }

    @Test
    void givenACurrencyStripeTakesForAlipayButNotWeChatPay_whenOffered_thenWeChatPayIsLeftOutByItsCurrency() {
        Currency ringgit = Currency.getInstance("MYR");
        assertThat(PaymentMethodOffer.offered(BOTH, ringgit)).isEqualTo(List.of(PaymentMethod.CARD,
                PaymentMethod.ALIPAY));
        assertThat(PaymentMethodOffer.judge(PaymentMethod.WECHAT_PAY, BOTH, ringgit))
                .isEqualTo(PaymentMethodOffer.Verdict.CURRENCY_NOT_SUPPORTED);
    }

    @Test
    void givenACurrencyNeitherTakes_whenOffered_thenCardAloneRemains() {
        assertThat(PaymentMethodOffer.offered(BOTH, Currency.getInstance("BRL"))).containsExactly(PaymentMethod.CARD);
    }
}
