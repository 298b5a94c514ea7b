package com.meterledger.core.metering;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.tariff.TariffRules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A meter replacement is refused, before anything is recorded, when it does not fit the account or its tariff. */
class MeterReplacementPolicyTest {
    private static final AccountId ACCOUNT = new AccountId("a-1");
    private static final MeterId OLD = new MeterId("m-old");
    private static final MeterId NEW = new MeterId("m-new");
    private static final Instant FINAL = Instant.parse("2026-05-01T10:00:00Z");

    private static Optional<String> requestRule(MeterId accountsMeter, MeterId oldMeter, MeterId newMeter,
                                                Instant openingAt) {
        return MeterReplacementPolicy.judgeRequest(ACCOUNT, accountsMeter, oldMeter, newMeter, FINAL, openingAt)
                .map(RuleViolation::rule);
    }

    @Test
    void aReplacementOfTheAccountsMeterByAnotherAfterItsFinalReadingIsAllowed() {
        assertThat(requestRule(OLD, OLD, NEW, FINAL)).isEmpty();
        assertThat(MeterReplacementPolicy.judgeMeters(NEW, Utility.WATER, Utility.WATER, true, true)).isEmpty();
    }

    @Test
    void onlyTheMeterThatSuppliesTheAccountCanBeReplaced() {
        assertThat(requestRule(OLD, new MeterId("m-other"), NEW, FINAL)).hasValue("replaced-meter-not-the-accounts");
    }

    @Test
    void aMeterCannotReplaceItself() {
        assertThat(requestRule(OLD, OLD, OLD, FINAL)).hasValue("replacement-meter-is-the-same");
    }

    @Test
    void theNewMetersOpeningCannotPrecedeTheOldMetersFinalReading() {
        assertThat(requestRule(OLD, OLD, NEW, FINAL.minusSeconds(1))).hasValue("replacement-opening-before-final");
    }

    @Test
    void aWaterMeterCannotReplaceAnElectricityMeter() {
        assertThat(MeterReplacementPolicy.judgeMeters(NEW, Utility.ELECTRICITY, Utility.WATER, false, false))
                .hasValueSatisfying(refusal -> assertThat(refusal.rule()).isEqualTo("replacement-utility-mismatch"));
    }

    @Test
    void aTimeOfUseTariffNeedsTheNewMetersOpeningRegisters() {
        assertThat(MeterReplacementPolicy.judgeMeters(NEW, Utility.ELECTRICITY, Utility.ELECTRICITY, true, false))
                .hasValueSatisfying(refusal -> assertThat(refusal.rule()).isEqualTo(TariffRules.REGISTERS_REQUIRED));
        assertThat(MeterReplacementPolicy.judgeMeters(NEW, Utility.ELECTRICITY, Utility.ELECTRICITY, false, false))
                .isEmpty();
    }
}
