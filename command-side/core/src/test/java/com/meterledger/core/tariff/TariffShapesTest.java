package com.meterledger.core.tariff;

import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.tariff.BillingPeriod;
import com.meterledger.api.tariff.TariffRules;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TariffVersion;
import com.meterledger.api.tariff.TierBlock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shapes a tariff value refuses when it is built, each with the rule a client sees in the 4xx problem. */
class TariffShapesTest {

    @Test
    void a_negative_flat_price_is_refused() {
        assertViolates(TariffRules.PRICE_NEGATIVE, () -> new TariffSchedule.Flat(new BigDecimal("-1")));
    }

    @Test
    void a_negative_tier_price_is_refused() {
        assertViolates(TariffRules.PRICE_NEGATIVE, () -> TierBlock.upTo("10", "-0.5"));
    }

    @Test
    void a_negative_register_price_is_refused() {
        assertViolates(TariffRules.PRICE_NEGATIVE,
                () -> new TariffSchedule.TimeOfUse(Map.of("peak", new BigDecimal("-3"))));
    }

    @Test
    void a_negative_standing_charge_is_refused() {
        assertViolates(TariffRules.PRICE_NEGATIVE, () -> new TariffVersion(Instant.EPOCH,
                new TariffSchedule.Flat(BigDecimal.ONE), new BigDecimal("-1")));
    }

    @Test
    void a_price_with_more_than_six_decimals_of_a_minor_unit_is_refused() {
        assertViolates(TariffRules.PRICE_TOO_PRECISE, () -> new TariffSchedule.Flat(new BigDecimal("1.0000001")));
        assertThat(new TariffSchedule.Flat(new BigDecimal("1.123456000")).price()).isEqualByComparingTo("1.123456");
    }

    @Test
    void tier_bounds_that_do_not_strictly_ascend_are_refused() {
        assertViolates(TariffRules.TIERS_NOT_ASCENDING, () -> new TariffSchedule.Tiered(BillingPeriod.MONTH,
                List.of(TierBlock.upTo("100", "1"), TierBlock.upTo("100", "2"), TierBlock.above("3"))));
        assertViolates(TariffRules.TIERS_NOT_ASCENDING, () -> new TariffSchedule.Tiered(BillingPeriod.MONTH,
                List.of(TierBlock.upTo("100", "1"), TierBlock.upTo("50", "2"), TierBlock.above("3"))));
    }

    @Test
    void only_the_last_tier_is_open_ended_and_it_must_be() {
        assertViolates(TariffRules.TIERS_MALFORMED, () -> new TariffSchedule.Tiered(BillingPeriod.YEAR,
                List.of(TierBlock.above("1"), TierBlock.above("2"))));
        assertViolates(TariffRules.TIERS_MALFORMED, () -> new TariffSchedule.Tiered(BillingPeriod.YEAR,
                List.of(TierBlock.upTo("100", "1"))));
        assertViolates(TariffRules.TIERS_MALFORMED, () -> new TariffSchedule.Tiered(BillingPeriod.YEAR, List.of()));
    }

    @Test
    void a_tier_bound_must_be_positive() {
        assertViolates(TariffRules.TIERS_MALFORMED, () -> TierBlock.upTo("0", "1"));
    }

    @Test
    void register_names_follow_the_id_rule_and_at_least_one_is_needed() {
        Map<String, BigDecimal> badName = new LinkedHashMap<>();
        badName.put("peak hours", BigDecimal.ONE);
        assertViolates(TariffRules.REGISTERS_MALFORMED, () -> new TariffSchedule.TimeOfUse(badName));
        assertViolates(TariffRules.REGISTERS_MALFORMED, () -> new TariffSchedule.TimeOfUse(Map.of()));
    }

    @Test
    void a_valid_tiered_schedule_keeps_its_blocks_unmodifiable() {
        TariffSchedule.Tiered tiered = new TariffSchedule.Tiered(BillingPeriod.MONTH,
                new java.util.ArrayList<>(List.of(TierBlock.upTo("50", "1"), TierBlock.above("2"))));
        assertThatThrownBy(() -> tiered.blocks().add(TierBlock.above("3")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static void assertViolates(String rule, ThrowingCallable building) {
        assertThatThrownBy(building).isInstanceOfSatisfying(RuleViolation.class,
                e -> assertThat(e.rule()).isEqualTo(rule));
    }
}
