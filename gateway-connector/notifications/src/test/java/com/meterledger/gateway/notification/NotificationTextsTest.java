package com.meterledger.gateway.notification;

import com.meterledger.api.shared.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static com.meterledger.gateway.notification.Fixtures.ACCOUNT;
import static com.meterledger.gateway.notification.Fixtures.METER;
import static com.meterledger.gateway.notification.Fixtures.NOW;
import static com.meterledger.gateway.notification.Fixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationTextsTest {
    private final NotificationTexts texts = new NotificationTexts("Harbour Estates");

    @Test
    void amountsAreExactDecimalsOfMinorUnitsInTheCurrencysOwnDigits() {
        assertThat(Amounts.format(Money.of(1234, "EUR"))).isEqualTo("12.34 EUR");
        assertThat(Amounts.format(Money.of(5, "EUR"))).isEqualTo("0.05 EUR");
        assertThat(Amounts.format(Money.of(-250, "EUR"))).isEqualTo("-2.50 EUR");
        assertThat(Amounts.format(Money.of(0, "USD"))).isEqualTo("0.00 USD");
        assertThat(Amounts.format(Money.of(1500, "JPY"))).isEqualTo("1500 JPY");
        assertThat(Amounts.format(Money.of(12345, "BHD"))).isEqualTo("12.345 BHD");
        // far beyond what a double holds exactly
        assertThat(Amounts.decimal(Money.of(9_007_199_254_740_993L, "EUR")))
                .isEqualByComparingTo(new BigDecimal("90071992547409.93"));
    }

    @Test
    void lowBalanceSaysHowMuchIsLeftAndWhichLevelWasCrossed() {
        RenderedMessage message = texts.render(Notification.lowBalance("e1", TENANT, ACCOUNT, NOW, 2,
                Money.of(450, "EUR"), Money.of(500, "EUR")), "Ada");
        assertThat(message.subject()).isEqualTo("Low balance: 4.50 EUR left");
        assertThat(message.text()).isEqualTo("The balance of your prepaid account acc-1 is down to 4.50 EUR, below "
                + "warning level 2 of 5.00 EUR. Please top up soon to keep your supply on.");
        assertThat(message.body()).isEqualTo("Hello Ada,\n\n" + message.text() + "\n\nHarbour Estates\n");
    }

    @Test
    void aPaymentLinkMessageCarriesTheLinkAndUntilWhenItWorks() {
        RenderedMessage message = texts.render(Notification.paymentLink("l1", TENANT, ACCOUNT,
                Instant.parse("2026-04-08T10:00:00Z"), "https://pay.example/pay/acc-1?token=t"), null);
        assertThat(message.subject()).isEqualTo("Top up your prepaid account acc-1");
        assertThat(message.text()).isEqualTo("Top up your prepaid account acc-1 and see its balance here: "
                + "https://pay.example/pay/acc-1?token=t (valid until 2026-04-08).");
    }

    @Test
    void depletedSaysTheBalanceRanOut() {
        RenderedMessage message = texts.render(Notification.depleted("e2", TENANT, ACCOUNT, METER, NOW,
                Money.of(-20, "EUR"), Money.of(0, "EUR")), null);
        assertThat(message.subject()).isEqualTo("Your balance has run out");
        assertThat(message.text()).isEqualTo("The balance of your prepaid account acc-1 has run out: it is -0.20 EUR "
                + "(the cut-off level is 0.00 EUR). Your supply may be switched off; top up to keep it on.");
        assertThat(message.body()).startsWith("Hello,\n\n");
    }

    @Test
    void supplyOffAndOnNameTheMeter() {
        assertThat(texts.render(Notification.supplyOff("e3", TENANT, ACCOUNT, METER, NOW), "Ada").text())
                .isEqualTo("The supply to meter meter-1 of your prepaid account acc-1 has been switched off. "
                        + "It is switched back on after a top-up.");
        RenderedMessage on = texts.render(Notification.supplyOn("e4", TENANT, ACCOUNT, METER, NOW), "Ada");
        assertThat(on.subject()).isEqualTo("Your supply is on again");
        assertThat(on.text()).isEqualTo("The supply to meter meter-1 of your prepaid account acc-1 has been switched "
                + "on again.");
    }

    @Test
    void topUpSaysTheAmountTheReferenceAndTheNewBalance() {
        RenderedMessage message = texts.render(Fixtures.topUp("e5"), "Ada");
        assertThat(message.subject()).isEqualTo("Top-up received: 20.00 EUR");
        assertThat(message.text()).isEqualTo("We received your top-up of 20.00 EUR for your prepaid account acc-1 "
                + "(reference receipt-7). Your balance is now 24.50 EUR.");
    }

    @Test
    void aNotificationMissingItsAmountsIsRefusedRatherThanPrintingNull() {
        Notification broken = new Notification("e6", TENANT, ACCOUNT, null, NotificationKind.TOP_UP_RECEIVED, NOW,
                null, null, null, null, null);
        assertThatThrownBy(() -> texts.render(broken, "Ada")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenAChineseLandlordWhenTheSupplyIsCutThenTheOccupantReadsChineseSignedByTheLandlord() {
        RenderedMessage message = texts.render(Notification.supplyOff("e9", TENANT, ACCOUNT, METER, NOW), "王芳",
                NotificationTexts.Voice.of("阳光物业", "zh-CN"), null);
        assertThat(message.subject()).isEqualTo("已停止供应（拉闸/关阀）");
        assertThat(message.text()).isEqualTo("您的预付费账户 acc-1 的表计 " + METER + " 已停止供应。充值后将自动恢复供应。");
        assertThat(message.body()).isEqualTo("王芳，您好：\n\n" + message.text() + "\n\n如有疑问，请联系您的房东：阳光物业。\n");
    }

    @Test
    void givenAnEnglishLandlordWhenATopUpArrivesThenTheTextNamesTheLandlordNotThePlatform() {
        RenderedMessage message = texts.render(Notification.topUpReceived("e8", TENANT, ACCOUNT, NOW,
                Money.of(2000, "EUR"), "cs_1", Money.of(2500, "EUR")), null,
                NotificationTexts.Voice.of("Harbour Estates", "en"), null);
        assertThat(message.text()).isEqualTo("We received your top-up of 20.00 EUR for your prepaid account acc-1 "
                + "(reference cs_1). Your balance is now 25.00 EUR.");
        assertThat(message.body()).endsWith("\n\nQuestions? Ask your landlord, Harbour Estates.\n")
                .doesNotContain("MeterLedger");
    }

    @Test
    void everyTextExistsInBothLanguages() throws Exception {
        java.util.Properties english = new java.util.Properties();
        java.util.Properties chinese = new java.util.Properties();
        try (var en = getClass().getResourceAsStream("/notifications/texts.properties");
             var zh = getClass().getResourceAsStream("/notifications/texts_zh_CN.properties")) {
            english.load(new java.io.InputStreamReader(en, java.nio.charset.StandardCharsets.UTF_8));
            chinese.load(new java.io.InputStreamReader(zh, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(chinese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        assertThat(english).isNotEmpty();
    }
}
