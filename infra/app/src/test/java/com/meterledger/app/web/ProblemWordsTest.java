package com.meterledger.app.web;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.PlanLimitReached;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.listing.ListWindow;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.tenant.PaymentLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A refusal said in Chinese keeps the figures the English one names: the limit the reader must keep to and the value
 * they gave. English is the rule's own words, as it always was. The bundles are the application's, read as its
 * {@code messageSource} reads them.
 */
class ProblemWordsTest {
    private final ProblemWords words = new ProblemWords(bundles());

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

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
