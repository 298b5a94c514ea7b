package com.meterledger.tenantadmin.registry;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.MeterPlacement;
import com.meterledger.api.registry.MeterHierarchy;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.Utility;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MeterHierarchyRulesTest {
    private static final PropertyId COURT = new PropertyId("court");
    private static final MeterId MAIN = new MeterId("main");
    private static final MeterId A = new MeterId("a");
    private static final MeterId B = new MeterId("b");

    private static Optional<MeterPlacement> at(MeterId meter, String property, Utility utility) {
        return Optional.of(new MeterPlacement(meter, new PropertyId(property), utility));
    }

    private static MeterHierarchy main(MeterId... subs) {
        return new MeterHierarchy(COURT, MAIN, List.of(subs));
    }

    private static MeterHierarchyRules.Refused refused(MeterHierarchyRules.Verdict verdict) {
        assertThat(verdict).isInstanceOf(MeterHierarchyRules.Refused.class);
        return (MeterHierarchyRules.Refused) verdict;
    }

    @Test
    void givenAMasterAndSubMetersOfOneUtilityInTheSamePropertyThenThePlacementsAreAllowed() {
        assertThat(MeterHierarchyRules.judgePlacements(main(A, B), Map.of(
                MAIN, at(MAIN, "court", Utility.WATER), A, at(A, "court", Utility.WATER),
                B, at(B, "court", Utility.WATER)))).isEqualTo(new MeterHierarchyRules.Allowed());
    }

    @Test
    void givenAnUnknownMeterOrOneElsewhereOrOfAnotherUtilityThenTheRefusalNamesTheFieldAndRule() {
        MeterHierarchyRules.Refused unknown = refused(MeterHierarchyRules.judgePlacements(main(A, B), Map.of(
                MAIN, at(MAIN, "court", Utility.WATER), A, at(A, "court", Utility.WATER), B, Optional.empty())));
        assertThat(unknown.field()).isEqualTo("subMeterIds[1]");
        assertThat(unknown.rule()).isEqualTo(MeterHierarchyRules.UNKNOWN);
        MeterHierarchyRules.Refused masterElsewhere = refused(MeterHierarchyRules.judgePlacements(main(A), Map.of(
                MAIN, at(MAIN, "tower", Utility.WATER), A, at(A, "court", Utility.WATER))));
        assertThat(masterElsewhere.field()).isEqualTo("masterMeterId");
        assertThat(masterElsewhere.rule()).isEqualTo(MeterHierarchyRules.OTHER_PROPERTY);
        MeterHierarchyRules.Refused mixed = refused(MeterHierarchyRules.judgePlacements(main(A), Map.of(
                MAIN, at(MAIN, "court", Utility.WATER), A, at(A, "court", Utility.ELECTRICITY))));
        assertThat(mixed.field()).isEqualTo("subMeterIds[0]");
        assertThat(mixed.rule()).isEqualTo(MeterHierarchyRules.MIXED_UTILITIES);
    }

    @Test
    void givenTheMastersOwnSubMetersSetAgainThenTheShapeIsAllowed() {
        assertThat(MeterHierarchyRules.judgeShape(main(A, B), Map.of(A, MAIN)))
                .isEqualTo(new MeterHierarchyRules.Allowed());
    }

    @Test
    void givenAMeterUnderItselfTwiceUnderTwoMastersOrAboveItsMasterThenTheShapeIsRefused() {
        assertThat(refused(MeterHierarchyRules.judgeShape(main(MAIN), Map.of())).rule())
                .isEqualTo(MeterHierarchyRules.OWN_SUB_METER);
        assertThat(refused(MeterHierarchyRules.judgeShape(main(A, A), Map.of())).field()).isEqualTo("subMeterIds[1]");
        assertThat(refused(MeterHierarchyRules.judgeShape(main(A, B), Map.of(B, new MeterId("other")))).rule())
                .isEqualTo(MeterHierarchyRules.TWO_MASTERS);
        // A feeds B, B feeds main: main cannot feed A
        MeterHierarchyRules.Refused circle = refused(MeterHierarchyRules.judgeShape(main(A),
                Map.of(MAIN, B, B, A)));
        assertThat(circle.rule()).isEqualTo(MeterHierarchyRules.CIRCLE);
        assertThat(circle.field()).isEqualTo("subMeterIds[0]");
    }
}
