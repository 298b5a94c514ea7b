package com.meterledger.core.meter;

import com.meterledger.api.error.Reason;
import com.meterledger.api.meter.RejectionReason;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Per register consumption between two time-of-use readings whose totals {@link ReadingPolicy} accepted. */
class RegisterDeltasTest {
    private static final BigDecimal ROLLOVER = new BigDecimal("100000");

    private static Map<String, BigDecimal> registers(String peak, String valley) {
        return Map.of("peak", new BigDecimal(peak), "valley", new BigDecimal(valley));
    }

    private static RegisterDeltas.Deltas deltas(String peak, String valley) {
        return new RegisterDeltas.Deltas(new TreeMap<>(registers(peak, valley)));
    }

    private static RejectionReason reasonOf(RegisterDeltas.Verdict verdict) {
        return ((RegisterDeltas.Refused) verdict).reason();
    }

    @Test
    void eachRegistersDeltaIsItsRiseSinceThePreviousReading() {
        assertThat(RegisterDeltas.between(registers("40", "60"), registers("42.5", "70.25"), null))
                .isEqualTo(deltas("2.5", "10.25"));
    }

    @Test
    void aSingleRegisterMeterHasNoDeltas() {
        assertThat(RegisterDeltas.between(Map.of(), Map.of(), null)).isEqualTo(new RegisterDeltas.Deltas(new TreeMap<>()));
    }

    @Test
    void theFirstTimeOfUseReadingIsTheBaselineUnlessARegisterIsNegative() {
        assertThat(RegisterDeltas.between(Map.of(), registers("42.5", "70.25"), null))
                .isEqualTo(new RegisterDeltas.Deltas(new TreeMap<>()));
        assertThat(reasonOf(RegisterDeltas.between(Map.of(), registers("-1", "70.25"), null)))
                .isEqualTo(RejectionReason.REGISTER_WENT_BACKWARDS);
    }

    @Test
    void aReadingWithoutRegistersAfterTimeOfUseOnesHasNoDeltas() {
        assertThat(RegisterDeltas.between(registers("40", "60"), Map.of(), null))
                .isEqualTo(new RegisterDeltas.Deltas(new TreeMap<>()));
    }

    @Test
    void anotherSetOfRegistersThanThePreviousReadingsIsRefusedNamingBoth() {
        RegisterDeltas.Verdict verdict = RegisterDeltas.between(registers("40", "60"),
                Map.of("peak", BigDecimal.TEN, "shoulder", BigDecimal.ONE), null);

        assertThat(verdict).isEqualTo(new RegisterDeltas.Refused(RejectionReason.REGISTERS_MISMATCH,
                Reason.of("reading-registers-not-the-previous",
                        "the reading carries registers [peak, shoulder], the previous one [peak, valley]",
                        "[peak, shoulder]", "[peak, valley]")));
    }

    @Test
    void aRegisterGoingBackwardsIsRefusedAndAMissingValueWithIt() {
        assertThat(RegisterDeltas.between(registers("40", "60"), registers("39.9", "70"), null))
                .isEqualTo(new RegisterDeltas.Refused(RejectionReason.REGISTER_WENT_BACKWARDS,
                        Reason.of("reading-time-register-below-latest",
                                "register peak 39.9 is below the latest accepted 40", "peak", "39.9", "40")));
        Map<String, BigDecimal> missing = new HashMap<>(registers("41", "70"));
        missing.put("valley", null);
        assertThat(reasonOf(RegisterDeltas.between(registers("40", "60"), missing, null)))
                .isEqualTo(RejectionReason.REGISTER_WENT_BACKWARDS);
    }

    @Test
    void aRegisterBelowItsLastWrappedWithTheTotalAtTheDeclaredRollover() {
        assertThat(RegisterDeltas.between(registers("99990", "50"), registers("5", "60"), ROLLOVER))
                .isEqualTo(deltas("15", "10"));
    }

    @Test
    void aRegisterBelowItsLastButOutsideTheDeclaredRangeIsRefusedAcrossARollover() {
        assertThat(reasonOf(RegisterDeltas.between(registers("150000", "50"), registers("120000", "60"), ROLLOVER)))
                .isEqualTo(RejectionReason.REGISTER_WENT_BACKWARDS);
        assertThat(reasonOf(RegisterDeltas.between(registers("99990", "50"), registers("-5", "60"), ROLLOVER)))
                .isEqualTo(RejectionReason.REGISTER_WENT_BACKWARDS);
    }

    @Test
    void registersMustAddUpToTheTotalsConsumptionWithinAHundredthPerRegister() {
        assertThat(RegisterDeltas.between(registers("40", "60"), registers("42.5", "70.25"), null,
                new BigDecimal("12.73"))).isInstanceOf(RegisterDeltas.Deltas.class);
        assertThat(reasonOf(RegisterDeltas.between(registers("40", "60"), registers("42.5", "70.25"), null,
                new BigDecimal("12.78")))).isEqualTo(RejectionReason.REGISTERS_DISAGREE_WITH_TOTAL);
        assertThat(reasonOf(RegisterDeltas.between(registers("40", "60"), registers("45", "65"), null,
                new BigDecimal("38.5")))).isEqualTo(RejectionReason.REGISTERS_DISAGREE_WITH_TOTAL);
    }
}
