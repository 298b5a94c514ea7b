package com.meterledger.app.web;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.PlanLimitReached;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.listing.ListWindow;
import com.meterledger.api.meter.ReadingOutcome;
import com.meterledger.api.meter.ReadingRejection;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.tariff.BillingPeriod;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TierBlock;
import com.meterledger.api.tenant.AlertSettings;
import com.meterledger.api.tenant.FriendlyHours;
import com.meterledger.api.tenant.PaymentLimits;
import com.meterledger.api.tenant.TenantSettings;
import com.meterledger.core.meter.ReadingPolicy;
import com.meterledger.query.alert.AlertFilter;
import com.meterledger.query.report.PeriodReports;
import com.meterledger.tenantadmin.signup.Passwords;
import com.meterledger.ui.i18n.PageFormats;
import com.meterledger.ui.staff.UiFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A refusal said in Chinese keeps the figures the English one names: the limit the reader must keep to and the value
 * they gave. English is the rule's own words, its moments on the tenant's clock as in Chinese. The bundles are the
 * application's, read as its {@code messageSource} reads them.
 */
class ProblemWordsTest {
    private final ProblemWords words = new ProblemWords(bundles(), tenantIn(ZoneId.of("Asia/Shanghai")));

    @AfterEach
    void forgetTheLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void givenAPaymentOutsideTheLimits_whenAChineseReaderIsTold_thenTheDetailNamesTheMinimumTheMaximumAndTheAmount() {
        RuleViolation refused = catchThrowableOfType(RuleViolation.class,
                () -> new PaymentLimits(500, 200_000, List.of(1_000L, 5_000L)).require(250_000));

        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(words.rule(refused)).isEqualTo("付款金额须在 500 至 200,000 最小货币单位之间，而非 250,000。");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(words.rule(refused)).isEqualTo("a payment must be between 500 and 200000 minor units, not 250000");
    }

    @Test
    void givenThePlanLimit_whenAChineseReaderIsTold_thenTheDetailNamesTheLimitAndTheActiveMeters() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);

        assertThat(words.rule(new PlanLimitReached(50, 50)))
                .isEqualTo("当前套餐最多允许 50 个在用表计，现已有 50 个：请选择更大的套餐。");
    }

    @Test
    void givenARefusedField_whenAChineseReaderIsTold_thenTheFieldKeepsItsName_andTheLimitIsInTheText() {
        FieldRejected size = catchThrowableOfType(FieldRejected.class,
                () -> ListWindow.of(0, 500, null, List.of("id"), "id"));
        FieldRejected tooLong = catchThrowableOfType(FieldRejected.class,
                () -> FreeText.require("name", "x".repeat(201), 200));

        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(words.field(size)).isEqualTo("size：须在 1 至 200 之间（当前为 500）。");
        assertThat(words.field(tooLong)).isEqualTo("name：最多 200 个字符。");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(words.field(size)).isEqualTo("size: must be from 1 to 200 (it is 500)");
    }

    @Test
    void givenARuleWithoutFigures_whenAChineseReaderIsTold_thenItsTextIsSaidAsWritten() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);

        assertThat(words.rule(new RuleViolation("meter-decommissioned", "meter m-1 is decommissioned")))
                .isEqualTo("该表计已报废。");
    }

    @Test
    void givenASettingRefusedForOneOfSeveralReasons_whenAChineseReaderIsTold_thenTheSpecificReasonIsSaidWithItsFigures() {
        FieldRejected approval = catchThrowableOfType(FieldRejected.class, () -> new TenantSettings(
                ZoneId.of("Asia/Shanghai"), "zh-CN", FriendlyHours.standard(), PaymentLimits.standard(), -5, "Harbour"));
        FieldRejected window = catchThrowableOfType(FieldRejected.class,
                () -> new AlertSettings(24, 3, 24 * 40, 24, 50_000, 30, 10, false));

        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(approval.rule()).isEqualTo(TenantSettings.RULE);
        assertThat(approval.specific().code()).isEqualTo("settings-approval-limit-out-of-range");
        assertThat(words.field(approval))
                .isEqualTo("adjustmentApprovalLimitMinor：须在 0（每笔调整都需审批）至 1,000,000,000 之间（当前为 -5）。");
        assertThat(window.rule()).isEqualTo(AlertSettings.RULE);
        assertThat(words.field(window)).isEqualTo("rejectedWindowHours：须在 1 至 744 之间（当前为 960）。");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(words.field(window)).isEqualTo("rejectedWindowHours: must be between 1 and 744 (it is 960)");
    }

    @Test
    void givenARejectedReading_whenAChineseReaderIsTold_thenTheCaseOfItsReasonIsSaidWithTheValuesCompared() {
        ReadingPolicy.Reject backwards = (ReadingPolicy.Reject) ReadingPolicy.judge(Utility.ELECTRICITY,
                Instant.parse("2026-12-07T00:00:00Z"), new BigDecimal("500.5"), null,
                Instant.parse("2026-12-07T01:00:00Z"), new BigDecimal("499"), Instant.parse("2026-12-07T02:00:00Z"));
        ReadingRejection rejection = new ReadingRejection(
                ReadingOutcome.rejected(backwards.reason(), backwards.specific()));

        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(rejection.rule()).isEqualTo("REGISTER_WENT_BACKWARDS");
        assertThat(rejection.specific().code()).isEqualTo("reading-register-below-latest");
        assertThat(words.rule(rejection)).isEqualTo("表码 499 低于最近一次被接受的 500.5（表码倒走）。");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(words.rule(rejection)).isEqualTo("register 499 is below the latest accepted 500.5");
    }

    @Test
    void givenAWeakPassword_whenAChineseReaderIsTold_thenTheRuleItBreaksIsNamed_andTheCodeStaysTheSame() {
        FieldRejected tooShort = catchThrowableOfType(FieldRejected.class,
                () -> Passwords.require("short", "li.wei@example.com"));
        FieldRejected repeated = catchThrowableOfType(FieldRejected.class,
                () -> Passwords.require("zzzzzzzzzzzzzz", "li.wei@example.com"));
        FieldRejected address = catchThrowableOfType(FieldRejected.class,
                () -> Passwords.require("my li.wei@example.com pass", "li.wei@example.com"));

        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(List.of(tooShort, repeated, address)).extracting(FieldRejected::rule).containsOnly("password-too-weak");
        assertThat(words.field(tooShort)).isEqualTo("password：密码至少须有 12 个字符（由几个词组成的一句话即可），现在只有 5 个。");
        assertThat(words.field(repeated)).isEqualTo("password：密码不能是同一字符重复。");
        assertThat(words.field(address)).isEqualTo("password：密码不能包含您的电子邮箱地址。");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(words.field(tooShort))
                .isEqualTo("password: must be at least 12 characters (a sentence of a few words is fine)");
    }

    @Test
    void givenMalformedTiers_whenAChineseReaderIsTold_thenTheTierAtFaultIsNamed_withItsBound() {
        RuleViolation openInTheMiddle = catchThrowableOfType(RuleViolation.class, () -> new TariffSchedule.Tiered(
                BillingPeriod.MONTH, List.of(TierBlock.upTo("50", "10"), TierBlock.above("20"), TierBlock.above("30"))));
        RuleViolation boundedLast = catchThrowableOfType(RuleViolation.class, () -> new TariffSchedule.Tiered(
                BillingPeriod.MONTH, List.of(TierBlock.upTo("50", "10"), TierBlock.upTo("150", "20"))));
        RuleViolation negative = catchThrowableOfType(RuleViolation.class, () -> TierBlock.upTo("-5", "10"));

        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(List.of(openInTheMiddle, boundedLast, negative)).extracting(RuleViolation::rule)
                .containsOnly("tariff-tiers-malformed");
        assertThat(openInTheMiddle.specific().code()).isEqualTo("tariff-tier-unbounded-not-last");
        assertThat(words.rule(openInTheMiddle)).isEqualTo("只有最后一档可以不设上限；第 2 档没有设上限。");
        assertThat(words.rule(boundedLast))
                .isEqualTo("最后一档（第 2 档）不能设上限，超出的每一度（每一方）才有价可计；现在它的上限是 150。");
        assertThat(words.rule(negative)).isEqualTo("阶梯各档的上限须为正数，现在是 -5。");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(words.rule(openInTheMiddle)).isEqualTo("only the last tier may be open-ended; tier 2 has no bound");
    }

    @Test
    void givenAnAlertFilterOrAPeriodRefused_whenAChineseReaderIsTold_thenTheValueGivenAndTheOnesAllowedAreNamed() {
        FieldRejected state = catchThrowableOfType(FieldRejected.class,
                () -> AlertFilter.parse("closed", null, null, null, null));
        FieldRejected size = catchThrowableOfType(FieldRejected.class,
                () -> AlertFilter.parse(null, null, null, 0, 500));
        Instant from = Instant.parse("2026-12-07T00:00:00Z");
        RuleViolation period = catchThrowableOfType(RuleViolation.class,
                () -> PeriodReports.validate(from, from.minusSeconds(3600)));

        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(state.rule()).isEqualTo(AlertFilter.RULE);
        assertThat(words.field(state)).isEqualTo("state：closed 不在可选值 [OPEN, ACKNOWLEDGED, RESOLVED] 之中。");
        assertThat(words.field(size)).isEqualTo("size：每页条数须在 1 至 200 之间，现在是 500。");
        assertThat(period.rule()).isEqualTo("period-ends-before-it-starts");
        assertThat(words.rule(period))
                .isEqualTo("期间须在开始之后结束：现在是 2026年12月7日 08:00:00 Asia/Shanghai 至 "
                        + "2026年12月7日 07:00:00 Asia/Shanghai。");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(words.field(size)).isEqualTo("size: must be between 1 and 200");
        assertThat(words.rule(period)).isEqualTo("the period must end after it starts: 2026-12-07 08:00:00 "
                + "Asia/Shanghai .. 2026-12-07 07:00:00 Asia/Shanghai");
        assertThat(period.figures()).containsExactly(from, from.minusSeconds(3600));
    }

    /**
     * The reading's time and the latest one are moments: a reader of a Shanghai tenant reads them on Shanghai's clock
     * (eight hours ahead of UTC), a reader of a UTC tenant on UTC's, in Chinese and in English alike, the way the
     * pages write them; the reason's figures stay the instants, for programs.
     */
    @Test
    void givenAReadingNotAfterTheLatest_whenReadersOfAShanghaiAndAUtcTenantAreTold_thenMomentsAreOnTheirClock() {
        Instant latest = Instant.parse("2026-12-06T16:00:00Z");
        Instant readAt = Instant.parse("2026-12-06T15:30:00Z");
        ReadingPolicy.Reject late = (ReadingPolicy.Reject) ReadingPolicy.judge(Utility.ELECTRICITY, latest,
                new BigDecimal("500"), null, readAt, new BigDecimal("501"), Instant.parse("2026-12-06T17:00:00Z"));
        ReadingRejection rejection = new ReadingRejection(ReadingOutcome.rejected(late.reason(), late.specific()));
        ProblemWords utc = new ProblemWords(bundles(), tenantIn(ZoneOffset.UTC));

        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(words.rule(rejection)).isEqualTo(
                "读数时间 2026年12月6日 23:30:00 Asia/Shanghai 不晚于最近一次被接受的读数时间 2026年12月7日 00:00:00 Asia/Shanghai。");
        assertThat(utc.rule(rejection)).isEqualTo(
                "读数时间 2026年12月6日 15:30:00 UTC 不晚于最近一次被接受的读数时间 2026年12月6日 16:00:00 UTC。");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(words.rule(rejection)).isEqualTo("read at 2026-12-06 23:30:00 Asia/Shanghai, not after the latest "
                + "accepted reading at 2026-12-07 00:00:00 Asia/Shanghai");
        assertThat(utc.rule(rejection)).isEqualTo("read at 2026-12-06 15:30:00 UTC, not after the latest accepted "
                + "reading at 2026-12-06 16:00:00 UTC");
        assertThat(rejection.figures()).containsExactly(readAt, latest);
    }

    /**
     * A move-in's refused opening reading and a move-out's refused final reading are judged like any reading, so
     * their reason is the generic one; the rule's code says which reading it was, and the Chinese names it: 开户读数,
     * 结算读数. A rule said by its own text (no specific reason) names the reading already and is said as it is.
     */
    @Test
    void givenARefusedOpeningOrFinalReading_whenAChineseReaderIsTold_thenTheTextNamesThatReading() {
        Instant latest = Instant.parse("2026-12-06T16:00:00Z");
        Instant readAt = Instant.parse("2026-12-06T15:30:00Z");
        ReadingPolicy.Reject late = (ReadingPolicy.Reject) ReadingPolicy.judge(Utility.ELECTRICITY, latest,
                new BigDecimal("500"), null, readAt, new BigDecimal("501"), Instant.parse("2026-12-06T17:00:00Z"));
        RuleViolation opening = new RuleViolation("opening-reading-out-of-order", late.specific());
        RuleViolation closing = new RuleViolation("final-reading-out-of-order", late.specific());

        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(words.rule(opening)).isEqualTo("开户读数被拒收：读数时间 2026年12月6日 23:30:00 Asia/Shanghai "
                + "不晚于最近一次被接受的读数时间 2026年12月7日 00:00:00 Asia/Shanghai。");
        assertThat(words.rule(closing)).isEqualTo("结算读数被拒收：读数时间 2026年12月6日 23:30:00 Asia/Shanghai "
                + "不晚于最近一次被接受的读数时间 2026年12月7日 00:00:00 Asia/Shanghai。");
        assertThat(words.rule(new RuleViolation("opening-reading-out-of-order", "read too early")))
                .isEqualTo("开户读数早于表计最近一次被接受的读数。");
        assertThat(List.of(opening.rule(), closing.rule()))
                .containsExactly("opening-reading-out-of-order", "final-reading-out-of-order");
    }

    /** The formatting of a page for a tenant whose zone is {@code zone}, in the reader's language. */
    private static PageFormats tenantIn(ZoneId zone) {
        return new PageFormats(new UiFormat(), null) {
            @Override
            public UiFormat current() {
                return new UiFormat().in(LocaleContextHolder.getLocale(), zone);
            }
        };
    }

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
