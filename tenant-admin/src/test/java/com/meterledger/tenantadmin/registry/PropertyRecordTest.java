package com.meterledger.tenantadmin.registry;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.registry.AddProperty;
import com.meterledger.api.registry.AddUnit;
import com.meterledger.api.registry.ChangePropertyDetails;
import com.meterledger.api.registry.PropertyAdded;
import com.meterledger.api.registry.PropertyDetailsChanged;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.RenameUnit;
import com.meterledger.api.registry.UnitAdded;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.registry.UnitRenamed;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.TenantId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A property's history of additions and corrections: given its history, when an addition or a correction arrives,
 * then what is stored.
 */
class PropertyRecordTest {
    private static final TenantId TENANT_ID = new TenantId("harbour-homes");
    private static final Map<String, String> AS_TENANT = Map.of(TENANT, TENANT_ID.value());
    private static final PropertyId PROPERTY = new PropertyId("harbour-view");
    private static final UnitId UNIT = new UnitId("hv-1");
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private AggregateTestFixture<PropertyRecord> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PropertyRecord.class);
    }

    @Test
    void addingAPropertyStartsItsHistoryWithItsNameAndAddress() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(NOW)
                .when(new AddProperty(TENANT_ID, PROPERTY, "Harbour View", "1 Quay Road"), AS_TENANT)
                .expectEvents(new PropertyAdded(TENANT_ID, PROPERTY, "Harbour View", "1 Quay Road", NOW));
    }

    @Test
    void aUnitIsAddedOnItsPropertysHistory() {
        fixture.given(new PropertyAdded(TENANT_ID, PROPERTY, "Harbour View", null, NOW))
                .andGivenCurrentTime(NOW)
                .when(new AddUnit(TENANT_ID, PROPERTY, UNIT, "Flat 1"), AS_TENANT)
                .expectEvents(new UnitAdded(TENANT_ID, PROPERTY, UNIT, "Flat 1", NOW));
    }

    @Test
    void aPropertyAddedBeforeAdditionsWereRecordedTakesAUnitAndCorrectionsWithoutACreationEvent() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(NOW)
                .when(new AddUnit(TENANT_ID, PROPERTY, UNIT, "Flat 1"), AS_TENANT)
                .expectEvents(new UnitAdded(TENANT_ID, PROPERTY, UNIT, "Flat 1", NOW));
        fixture.given(new PropertyDetailsChanged(TENANT_ID, PROPERTY, "Harbour View North", null, NOW))
                .andGivenCurrentTime(NOW)
                .when(new AddUnit(TENANT_ID, PROPERTY, new UnitId("hv-2"), "Flat 2"), AS_TENANT)
                .expectEvents(new UnitAdded(TENANT_ID, PROPERTY, new UnitId("hv-2"), "Flat 2", NOW));
        fixture.given(new UnitAdded(TENANT_ID, PROPERTY, UNIT, "Flat 1", NOW))
                .andGivenCurrentTime(NOW)
                .when(new ChangePropertyDetails(TENANT_ID, PROPERTY, "Harbour View", null), AS_TENANT)
                .expectEvents(new PropertyDetailsChanged(TENANT_ID, PROPERTY, "Harbour View", null, NOW));
    }

    @Test
    void aSecondAdditionOfThePropertyIsRefusedAsTakenAndNothingIsStored() {
        fixture.given(new PropertyAdded(TENANT_ID, PROPERTY, "Harbour View", null, NOW))
                .when(new AddProperty(TENANT_ID, PROPERTY, "Harbour View", null), AS_TENANT)
                .expectNoEvents()
                .expectException(rule("property-exists"));
        // a property added before additions were recorded exists from its first correction on
        fixture.given(new PropertyDetailsChanged(TENANT_ID, PROPERTY, "Harbour View North", null, NOW))
                .when(new AddProperty(TENANT_ID, PROPERTY, "Harbour View", null), AS_TENANT)
                .expectNoEvents()
                .expectException(rule("property-exists"));
    }

    @Test
    void aSecondAdditionOfAUnitTheHistoryKnowsIsRefusedAsTakenAndNothingIsStored() {
        fixture.given(new PropertyAdded(TENANT_ID, PROPERTY, "Harbour View", null, NOW),
                        new UnitAdded(TENANT_ID, PROPERTY, UNIT, "Flat 1", NOW))
                .when(new AddUnit(TENANT_ID, PROPERTY, UNIT, "Flat 1 again"), AS_TENANT)
                .expectNoEvents()
                .expectException(rule("unit-exists"));
        fixture.given(new UnitRenamed(TENANT_ID, PROPERTY, UNIT, "Flat 1A", NOW))
                .when(new AddUnit(TENANT_ID, PROPERTY, UNIT, "Flat 1"), AS_TENANT)
                .expectNoEvents()
                .expectException(rule("unit-exists"));
    }

    @Test
    void anAdditionWithAControlCharacterOrABlankNameIsRefusedNamingTheFieldAndNothingIsStored() {
        fixture.givenNoPriorActivity()
                .when(new AddProperty(TENANT_ID, PROPERTY, "Harbour\u0000View", null), AS_TENANT)
                .expectNoEvents()
                .expectException(FieldRejected.class);
        fixture.givenNoPriorActivity()
                .when(new AddProperty(TENANT_ID, PROPERTY, "Harbour View", "Quay\tRoad"), AS_TENANT)
                .expectNoEvents()
                .expectException(FieldRejected.class);
        fixture.given(new PropertyAdded(TENANT_ID, PROPERTY, "Harbour View", null, NOW))
                .when(new AddUnit(TENANT_ID, PROPERTY, UNIT, " "), AS_TENANT)
                .expectNoEvents()
                .expectException(FieldRejected.class);
    }

    @Test
    void anotherTenantsAdditionFindsNoSuchProperty() {
        fixture.given(new PropertyAdded(TENANT_ID, PROPERTY, "Harbour View", null, NOW))
                .when(new AddUnit(TENANT_ID, PROPERTY, UNIT, "Flat 1"), Map.of(TENANT, "someone-else"))
                .expectNoEvents()
                .expectException(NotFound.class);
        fixture.givenNoPriorActivity()
                .when(new AddProperty(TENANT_ID, PROPERTY, "Harbour View", null), Map.of(TENANT, "someone-else"))
                .expectNoEvents()
                .expectException(NotFound.class);
    }

    @Test
    void theFirstCorrectionStartsTheHistoryWithTheNewNameAndAddress() {
        fixture.givenCurrentTime(NOW)
                .when(new ChangePropertyDetails(TENANT_ID, PROPERTY, "Harbour View North", "1 Quay Road"), AS_TENANT)
                .expectEvents(new PropertyDetailsChanged(TENANT_ID, PROPERTY, "Harbour View North", "1 Quay Road", NOW));
    }

    @Test
    void aUnitIsRenamedOnItsPropertysHistory() {
        fixture.given(new PropertyDetailsChanged(TENANT_ID, PROPERTY, "Harbour View North", null, NOW))
                .andGivenCurrentTime(NOW)
                .when(new RenameUnit(TENANT_ID, PROPERTY, UNIT, "Flat 1A"), AS_TENANT)
                .expectEvents(new UnitRenamed(TENANT_ID, PROPERTY, UNIT, "Flat 1A", NOW));
    }

    @Test
    void aControlCharacterOrABlankNameIsRefusedNamingTheFieldAndNothingIsStored() {
        fixture.givenNoPriorActivity()
                .when(new RenameUnit(TENANT_ID, PROPERTY, UNIT, "Flat\u00001A"), AS_TENANT)
                .expectNoEvents()
                .expectException(FieldRejected.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("control characters"));
        fixture.givenNoPriorActivity()
                .when(new ChangePropertyDetails(TENANT_ID, PROPERTY, " ", null), AS_TENANT)
                .expectNoEvents()
                .expectException(FieldRejected.class);
        fixture.givenNoPriorActivity()
                .when(new ChangePropertyDetails(TENANT_ID, PROPERTY, "Harbour", "Quay\tRoad"), AS_TENANT)
                .expectNoEvents()
                .expectException(FieldRejected.class);
    }

    @Test
    void theRulesNameTheFieldAndAStableRule() {
        assertThat(RegistryTexts.judgeName(" ")).isEqualTo(new RegistryTexts.Refused("name",
                RegistryTexts.NAME_REQUIRED, "a name is required", 0));
        assertThat(RegistryTexts.judgeName("x".repeat(FreeText.NAME + 1))).isInstanceOfSatisfying(
                RegistryTexts.Refused.class, refused -> assertThat(refused.rule()).isEqualTo(FreeText.TOO_LONG));
        assertThat(RegistryTexts.judgeAddress("a\u0085b")).isInstanceOfSatisfying(RegistryTexts.Refused.class,
                refused -> assertThat(refused).extracting(RegistryTexts.Refused::field, RegistryTexts.Refused::rule)
                        .containsExactly("address", FreeText.CONTROL_CHARACTER));
        assertThat(RegistryTexts.judgeAddress(null)).isInstanceOf(RegistryTexts.Fits.class);
        assertThat(RegistryTexts.judgeName("海港物业 一号楼")).isInstanceOf(RegistryTexts.Fits.class);
    }

    @Test
    void anotherTenantsCorrectionFindsNoSuchProperty() {
        fixture.given(new PropertyDetailsChanged(TENANT_ID, PROPERTY, "Harbour View", null, NOW))
                .when(new RenameUnit(TENANT_ID, PROPERTY, UNIT, "Flat 1A"), Map.of(TENANT, "someone-else"))
                .expectNoEvents()
                .expectException(NotFound.class);
    }

    private static Matcher<RuleViolation> rule(String code) {
        return new CustomTypeSafeMatcher<>("a refusal by rule " + code) {
            @Override
            protected boolean matchesSafely(RuleViolation refusal) {
                return refusal.rule().equals(code);
            }
        };
    }
}
