package com.meterledger.app.ui;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.tenant.FriendlyHours;
import com.meterledger.api.tenant.PaymentLimits;
import com.meterledger.api.tenant.TenantSettings;
import com.meterledger.ui.i18n.LanguageChoice;
import com.meterledger.ui.i18n.LanguageChoice.Source;
import com.meterledger.ui.staff.UiFormat;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which language a page speaks (the person's choice, the tenant's setting, the browser's, English) and how it writes
 * money and moments: in the reader's language, on the tenant's clock.
 */
class LanguageChoiceTest {
    private static final List<Locale> CHINESE_BROWSER = List.of(Locale.forLanguageTag("zh-CN"), Locale.ENGLISH);

    @Test
    void thePersonsChoiceWinsOverTheTenantAndTheBrowserAndTheTenantIsNotAsked() {
        AtomicInteger asked = new AtomicInteger();
        LanguageChoice.Verdict verdict = LanguageChoice.choose("en", () -> {
            asked.incrementAndGet();
            return Optional.of("zh-CN");
        }, CHINESE_BROWSER);

        assertThat(verdict).isEqualTo(new LanguageChoice.Verdict(LanguageChoice.ENGLISH, Source.PERSON));
        assertThat(asked).hasValue(0);
    }

    @Test
    void givenNoChoiceTheTenantsLanguageWinsOverTheBrowser() {
        assertThat(LanguageChoice.choose(null, () -> Optional.of("zh-CN"), List.of(Locale.ENGLISH)))
                .isEqualTo(new LanguageChoice.Verdict(LanguageChoice.CHINESE, Source.TENANT));
    }

    @Test
    void givenATenantThatLeavesTheLanguageToEachReader_theBrowsersLanguageWins_andAPersonsChoiceStill() {
        TenantSettings settings = new TenantSettings(ZoneOffset.UTC, TenantSettings.EACH_READERS_OWN,
                FriendlyHours.standard(), PaymentLimits.standard(), 0, "MeterLedger");

        assertThat(settings.languageForAll()).isEmpty();
        assertThat(LanguageChoice.choose(null, settings::languageForAll, CHINESE_BROWSER))
                .isEqualTo(new LanguageChoice.Verdict(LanguageChoice.CHINESE, Source.BROWSER));
        assertThat(LanguageChoice.choose(null, settings::languageForAll, List.of(Locale.ENGLISH)))
                .isEqualTo(new LanguageChoice.Verdict(LanguageChoice.ENGLISH, Source.BROWSER));
        assertThat(LanguageChoice.choose("en", settings::languageForAll, CHINESE_BROWSER))
                .isEqualTo(new LanguageChoice.Verdict(LanguageChoice.ENGLISH, Source.PERSON));
    }

    @Test
    void aLanguageSettingThatIsNeitherALanguageNorEachReadersIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new TenantSettings(ZoneOffset.UTC, "fr", FriendlyHours.standard(),
                PaymentLimits.standard(), 0, "MeterLedger"))
                .isInstanceOfSatisfying(FieldRejected.class, refused -> {
                    assertThat(refused.field()).isEqualTo("language");
                    assertThat(refused.rule()).isEqualTo(TenantSettings.RULE);
                });
        assertThat(new TenantSettings(ZoneOffset.UTC, "zh-CN", FriendlyHours.standard(), PaymentLimits.standard(), 0,
                "MeterLedger").languageForAll()).contains("zh-CN");
    }

    @Test
    void givenNeitherChoiceNorTenantTheBrowsersFirstKnownLanguageWins() {
        assertThat(LanguageChoice.choose(null, Optional::empty, List.of(Locale.FRENCH, Locale.forLanguageTag("zh-TW"))))
                .isEqualTo(new LanguageChoice.Verdict(LanguageChoice.CHINESE, Source.BROWSER));
    }

    @Test
    void anUnknownOrMalformedLanguageFallsBackToEnglishWithoutAnError() {
        assertThat(LanguageChoice.choose("fr", () -> Optional.of("xx"), List.of(Locale.GERMAN)))
                .isEqualTo(new LanguageChoice.Verdict(LanguageChoice.ENGLISH, Source.DEFAULT));
        assertThat(LanguageChoice.supported("%%%not-a-tag")).isEmpty();
        assertThat(LanguageChoice.supported("zh_Hans_CN")).contains(LanguageChoice.CHINESE);
        assertThat(LanguageChoice.supported("x".repeat(100))).isEmpty();
        assertThat(LanguageChoice.supported(null)).isEmpty();
    }

    @Test
    void englishWritesMoneyAsBeforeAndChineseWithTheCurrencysSymbolAndGrouping() {
        UiFormat english = new UiFormat().in(Locale.ENGLISH, ZoneOffset.UTC);
        UiFormat chinese = new UiFormat().in(Locale.SIMPLIFIED_CHINESE, ZoneOffset.UTC);

        assertThat(english.money(123_450, "CNY")).isEqualTo("1234.50 CNY");
        assertThat(chinese.money(123_450, "CNY")).isEqualTo("¥1,234.50");
        assertThat(chinese.money(-100, "CNY")).isEqualTo("-¥1.00");
        assertThat(chinese.money(50_000, "EUR")).isEqualTo("€500.00");
        assertThat(chinese.money(5_000, "JPY")).isEqualTo("JP¥5,000");
    }

    @Test
    void aMomentIsShownOnTheTenantsClockWithItsZoneNamedNotInUtc() {
        Instant moment = Instant.parse("2026-12-06T20:33:01Z");
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");

        assertThat(new UiFormat().in(Locale.ENGLISH, shanghai).time(moment))
                .isEqualTo("2026-12-07 04:33:01 Asia/Shanghai");
        assertThat(new UiFormat().in(Locale.SIMPLIFIED_CHINESE, shanghai).time(moment))
                .isEqualTo("2026年12月7日 04:33:01 Asia/Shanghai");
        assertThat(new UiFormat().in(Locale.ENGLISH, ZoneOffset.UTC).time(moment)).isEqualTo("2026-12-06 20:33:01 UTC");
        assertThat(new UiFormat().in(Locale.SIMPLIFIED_CHINESE, shanghai).day(LocalDate.of(2027, 2, 6)))
                .isEqualTo("2027年2月6日");
    }
}
