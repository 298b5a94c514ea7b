package com.meterledger.core.account;

import com.meterledger.api.account.AccountClosed;
import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.BalanceDepleted;
import com.meterledger.api.account.BalanceRefunded;
import com.meterledger.api.account.ReversePaymentCredit;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.AdjustBalance;
import com.meterledger.api.account.AdjustmentAwaitingApproval;
import com.meterledger.api.account.AdjustmentRejected;
import com.meterledger.api.account.ApproveAdjustment;
import com.meterledger.api.account.BalanceAdjusted;
import com.meterledger.api.account.ConsumptionCharged;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.account.TariffAssigned;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Money;
import com.meterledger.api.tariff.BillingPeriod;
import com.meterledger.api.tariff.ChargeKind;
import com.meterledger.api.tariff.ChargeLine;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.tariff.TariffRules;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TariffVersion;
import com.meterledger.api.tariff.TierBlock;
import com.meterledger.api.tariff.TierCount;
import com.meterledger.core.tariff.TariffTimeline;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Account aggregate with Axon's fixture. Charging and tariff assignment are invoked by {@code MeteringService}
 * (it loads the meter and the tariff in the same unit of work); here a test-only command stands in for it and hands
 * the account a fixed tariff timeline.
 */
class AccountTest {
    private static final AccountId ACCOUNT = new AccountId("acc-1");
    private static final MeterId METER = new MeterId("m-1");
    private static final TariffId TARIFF = new TariffId("res-elec");
    private static final MetaData TENANT = MetaData.with(MetadataKeys.TENANT, "tenant-a");
    private static final Instant OPENED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2026-01-02T00:00:00Z");
    private static final Instant DAY_3 = Instant.parse("2026-01-03T00:00:00Z");

    /** Three tiers per calendar month (UTC): 0-50 at 10, 50-150 at 20.5, above at 30.25; 12.5 a day standing. */
    private static final TariffTimeline THREE_TIERS = TariffTimeline.of(ZoneOffset.UTC, new TariffVersion(
            Instant.parse("2025-12-01T00:00:00Z"), new TariffSchedule.Tiered(BillingPeriod.MONTH, List.of(
            TierBlock.upTo("50", "10"), TierBlock.upTo("150", "20.5"), TierBlock.above("30.25"))),
            new BigDecimal("12.5")));

    private static final TariffTimeline TIME_OF_USE = TariffTimeline.of(ZoneOffset.UTC, new TariffVersion(
            Instant.parse("2025-12-01T00:00:00Z"), new TariffSchedule.TimeOfUse(Map.of(
            "peak", new BigDecimal("40"), "valley", new BigDecimal("15.5"))), BigDecimal.ZERO));

    private AggregateTestFixture<Account> fixture;

    /** Stands in for MeteringService: charge an accepted reading with a given timeline. */
    record Charge(@TargetAggregateIdentifier AccountId accountId, ReadingRecorded reading, TariffTimeline timeline) {
    }

    record Assign(@TargetAggregateIdentifier AccountId accountId, TariffId tariffId, Instant from) {
    }

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Account.class);
        fixture.registerInjectableResource((AdjustmentApprovals) tenant -> 1_000);
        fixture.registerAnnotatedCommandHandler(new Object() {
            @CommandHandler
            void handle(Charge charge) {
                fixture.getRepository().load(charge.accountId().value())
                        .execute(account -> account.chargeConsumption(charge.reading(), charge.timeline()));
            }

            @CommandHandler
            void handle(Assign assign, @MetaDataValue(MetadataKeys.TENANT) String tenant) {
                fixture.getRepository().load(assign.accountId().value()).execute(account ->
                        account.assignTariff(assign.tariffId(), assign.from(), tenant, assign.from()));
            }
        });
    }

    private static Object opened() {
        return GenericEventMessage.asEventMessage(new AccountOpened(ACCOUNT, new UnitId("u-1"), METER,
                Currency.getInstance("EUR"), TARIFF, OPENED, OPENED, BigDecimal.ZERO, LocalDate.of(2026, 1, 1)))
                .andMetaData(TENANT);
    }

    private static Object credited(long amount) {
        return new AccountCredited(ACCOUNT, Money.of(amount, "EUR"), "r-1", 1L, Money.of(amount, "EUR"), OPENED);
    }

    private static ReadingRecorded reading(Instant from, Instant to, String consumption) {
        return new ReadingRecorded(METER, ACCOUNT, from, to, new BigDecimal(consumption), new BigDecimal(consumption),
                Map.of(), Map.of());
    }

    @Test
    void aTopUpCreditsTheAccountAndStatesTheNewBalance() {
        Instant now = OPENED.plusSeconds(3600);
        fixture.givenCurrentTime(now).andGiven(opened())
                .when(new RecordTopUp(ACCOUNT, Money.of(2_500, "EUR"), "r-1", null), TENANT)
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(new AccountCredited(ACCOUNT, Money.of(2_500, "EUR"), "r-1", null, Money.of(2_500, "EUR"), now));
    }

    @Test
    void aTopUpWithAnAlreadyCreditedReferenceIsANoOp() {
        fixture.given(opened(), new AccountCredited(ACCOUNT, Money.of(100, "EUR"), "r-1", null, Money.of(100, "EUR"), OPENED))
                .when(new RecordTopUp(ACCOUNT, Money.of(100, "EUR"), "r-1", null), TENANT)
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void aTopUpInAnotherCurrencyIsRefused() {
        fixture.given(opened())
                .when(new RecordTopUp(ACCOUNT, Money.of(100, "USD"), "r-1", null), TENANT)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aTopUpOfNothingIsRefused() {
        fixture.given(opened())
                .when(new RecordTopUp(ACCOUNT, Money.of(0, "EUR"), "r-1", null), TENANT)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anotherTenantsTopUpFindsNoSuchAccount() {
        fixture.given(opened())
                .when(new RecordTopUp(ACCOUNT, Money.of(100, "EUR"), "r-1", null), MetaData.with(MetadataKeys.TENANT, "tenant-b"))
                .expectException(NotFound.class)
                .expectNoEvents();
    }

    /**
     * Worked example. Before: 40 units counted this month, standing charges paid until 3 Jan, 0.5 minor units
     * carried, balance 10,000. Reading 2 Jan 00:00 -> 3 Jan 00:00 used 130.5 units, so the month's count goes
     * 40 -> 170.5 and crosses both tier bounds:
     * <pre>
     *   tier 1:  40 ->  50   =  10    x 10    =  100
     *   tier 2:  50 -> 150   = 100    x 20.5  = 2050
     *   tier 3: 150 -> 170.5 =  20.5  x 30.25 =  620.125
     *   standing charge: 3 Jan (begun at the reading) = 1 day x 12.5 = 12.5
     *   exact 2782.625 + carried 0.5 = 2783.125 -> charge 2783, carry 0.125; balance 10,000 - 2783 = 7217
     * </pre>
     */
    @Test
    void aReadingCrossingTwoTierBoundsIsChargedPerTierWithTheStandingChargeAndTheCarry() {
        ConsumptionCharged before = new ConsumptionCharged(ACCOUNT, METER, TARIFF, OPENED, DAY_2, new BigDecimal("40"),
                Map.of(), List.of(), new BigDecimal("437.5"), Money.of(437, "EUR"), new BigDecimal("0.5"),
                new TierCount(BillingPeriod.MONTH, LocalDate.of(2026, 1, 1), new BigDecimal("40")),
                LocalDate.of(2026, 1, 3), Money.of(10_000, "EUR"));
        fixture.given(opened(), before)
                .when(new Charge(ACCOUNT, reading(DAY_2, DAY_3, "130.5"), THREE_TIERS), TENANT)
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(onlyCharge(charged -> {
                    assertThat(charged.from()).isEqualTo(DAY_2);
                    assertThat(charged.readAt()).isEqualTo(DAY_3);
                    assertThat(charged.lines()).extracting(ChargeLine::kind, ChargeLine::component,
                                    line -> line.quantity().stripTrailingZeros().toPlainString(),
                                    line -> line.unitPrice().stripTrailingZeros().toPlainString(),
                                    line -> line.amount().stripTrailingZeros().toPlainString())
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple(ChargeKind.TIER, "tier-1", "10", "10", "100"),
                                    org.assertj.core.groups.Tuple.tuple(ChargeKind.TIER, "tier-2", "100", "20.5", "2050"),
                                    org.assertj.core.groups.Tuple.tuple(ChargeKind.TIER, "tier-3", "20.5", "30.25", "620.125"),
                                    org.assertj.core.groups.Tuple.tuple(ChargeKind.STANDING_CHARGE, "standing-charge", "1",
                                            "12.5", "12.5"));
                    assertThat(charged.exactAmount()).isEqualByComparingTo("2782.625");
                    assertThat(charged.amount()).isEqualTo(Money.of(2783, "EUR"));
                    assertThat(charged.remainderCarried()).isEqualByComparingTo("0.125");
                    assertThat(charged.balanceAfter()).isEqualTo(Money.of(7217, "EUR"));
                    assertThat(charged.tierCount().counted()).isEqualByComparingTo("170.5");
                    assertThat(charged.standingChargedUntil()).isEqualTo(LocalDate.of(2026, 1, 4));
                }));
    }

    @Test
    void theFirstChargeOwesTheStandingChargeFromTheMoveInDayAndCountsTiersFromZero() {
        // 1 Jan 00:00 -> 2 Jan 00:00, 60 units: 50 x 10 + 10 x 20.5 = 705; days 1 and 2 Jan: 25 -> 730
        fixture.given(opened(), credited(5_000))
                .when(new Charge(ACCOUNT, reading(OPENED, DAY_2, "60"), THREE_TIERS), TENANT)
                .expectEventsMatching(onlyCharge(charged -> {
                    assertThat(charged.exactAmount()).isEqualByComparingTo("730");
                    assertThat(charged.amount()).isEqualTo(Money.of(730, "EUR"));
                    assertThat(charged.lines()).filteredOn(line -> line.kind() == ChargeKind.STANDING_CHARGE)
                            .singleElement().satisfies(line -> assertThat(line.quantity()).isEqualByComparingTo("2"));
                    assertThat(charged.balanceAfter()).isEqualTo(Money.of(4_270, "EUR"));
                }));
    }

    @Test
    void aTimeOfUseReadingIsPricedPerRegister() {
        // peak 2.5 x 40 = 100, valley 10.25 x 15.5 = 158.875 -> 258.875: charge 258, carry 0.875
        ReadingRecorded tou = new ReadingRecorded(METER, ACCOUNT, OPENED, DAY_2, new BigDecimal("12.75"),
                new BigDecimal("12.75"), Map.of("peak", new BigDecimal("2.5"), "valley", new BigDecimal("10.25")),
                Map.of("peak", new BigDecimal("2.5"), "valley", new BigDecimal("10.25")));
        fixture.given(opened(), credited(5_000))
                .when(new Charge(ACCOUNT, tou, TIME_OF_USE), TENANT)
                .expectEventsMatching(onlyCharge(charged -> {
                    assertThat(charged.lines()).extracting(ChargeLine::component).containsExactly("peak", "valley");
                    assertThat(charged.registers()).containsOnlyKeys("peak", "valley");
                    assertThat(charged.amount()).isEqualTo(Money.of(258, "EUR"));
                    assertThat(charged.remainderCarried()).isEqualByComparingTo("0.875");
                }));
    }

    @Test
    void aTimeOfUseTariffRefusesATotalOnlyReadingAndStoresNothing() {
        fixture.given(opened(), credited(5_000))
                .when(new Charge(ACCOUNT, reading(OPENED, DAY_2, "3"), TIME_OF_USE), TENANT)
                .expectException(violating(TariffRules.REGISTERS_REQUIRED))
                .expectNoEvents();
    }

    @Test
    void noConsumptionAndNoNewDayChargesNothing() {
        ConsumptionCharged before = new ConsumptionCharged(ACCOUNT, METER, TARIFF, OPENED, DAY_2, new BigDecimal("1"),
                Map.of(), List.of(), new BigDecimal("10"), Money.of(10, "EUR"), BigDecimal.ZERO, null,
                LocalDate.of(2026, 1, 3), Money.of(990, "EUR"));
        fixture.given(opened(), credited(1_000), before)
                .when(new Charge(ACCOUNT, reading(DAY_2, DAY_2.plusSeconds(3600), "0"), THREE_TIERS), TENANT)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void assigningAnotherTariffRecordsWhereItAppliesFrom() {
        fixture.given(opened())
                .when(new Assign(ACCOUNT, new TariffId("res-elec-2"), DAY_2), TENANT)
                .expectEvents(new TariffAssigned(ACCOUNT, TARIFF, new TariffId("res-elec-2"), DAY_2, DAY_2));
    }

    @Test
    void assigningTheSameTariffAgainIsANoOp() {
        fixture.given(opened())
                .when(new Assign(ACCOUNT, TARIFF, DAY_2), TENANT)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aClosedAccountCannotBeAssignedATariff() {
        fixture.given(opened(), new AccountClosed(ACCOUNT, Money.of(0, "EUR"), DAY_2))
                .when(new Assign(ACCOUNT, new TariffId("res-elec-2"), DAY_2), TENANT)
                .expectException(violating("account-closed"))
                .expectNoEvents();
    }

    @Test
    void anotherTenantCannotAssignATariff() {
        fixture.given(opened())
                .when(new Assign(ACCOUNT, new TariffId("res-elec-2"), DAY_2), MetaData.with(MetadataKeys.TENANT, "tenant-b"))
                .expectException(NotFound.class)
                .expectNoEvents();
    }

    /** Matches when exactly one ConsumptionCharged was stored (besides threshold events) and it passes the checks. */
    private static Matcher<List<EventMessage<?>>> onlyCharge(Consumer<ConsumptionCharged> checks) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                List<ConsumptionCharged> charges = events.stream().map(EventMessage::getPayload)
                        .filter(ConsumptionCharged.class::isInstance).map(ConsumptionCharged.class::cast).toList();
                assertThat(charges).hasSize(1);
                checks.accept(charges.getFirst());
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("one ConsumptionCharged passing the checks");
            }
        };
    }

    private static Matcher<Throwable> violating(String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof RuleViolation violation && rule.equals(violation.rule());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation of rule ").appendValue(rule);
            }
        };
    }

    private static final MetaData CLERK = TENANT.and(MetadataKeys.ACTOR, "clerk");
    private static final MetaData SUPERVISOR = TENANT.and(MetadataKeys.ACTOR, "supervisor");

    @Test
    void anAdjustmentWithinTheApprovalLimitAppliesAtOnceAndNamesItsRequester() {
        fixture.given(opened(), credited(2_000))
                .when(new AdjustBalance(ACCOUNT, "adj-1", Money.of(-1_000, "EUR"), "meter misread"), CLERK)
                .expectResultMessagePayload("APPLIED")
                .expectEvents(new BalanceAdjusted(ACCOUNT, "adj-1", Money.of(-1_000, "EUR"), "meter misread", "clerk",
                        null, Money.of(1_000, "EUR")));
    }

    @Test
    void anAdjustmentAboveTheApprovalLimitWaitsForASecondPerson() {
        fixture.given(opened(), credited(2_000))
                .when(new AdjustBalance(ACCOUNT, "adj-1", Money.of(1_001, "EUR"), "goodwill"), CLERK)
                .expectResultMessagePayload("AWAITING_APPROVAL")
                .expectEvents(new AdjustmentAwaitingApproval(ACCOUNT, "adj-1", Money.of(1_001, "EUR"), "goodwill",
                        "clerk", Money.of(1_000, "EUR")));
    }

    @Test
    void theRequesterCannotApproveTheirOwnAdjustment() {
        fixture.given(opened(), credited(2_000), new AdjustmentAwaitingApproval(ACCOUNT, "adj-1",
                        Money.of(1_001, "EUR"), "goodwill", "clerk", Money.of(1_000, "EUR")))
                .when(new ApproveAdjustment(ACCOUNT, "adj-1", true, "looks fine"), CLERK)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anotherPersonsApprovalAppliesTheAdjustmentWithBothNamesAndTheApproversNote() {
        fixture.given(opened(), credited(2_000), new AdjustmentAwaitingApproval(ACCOUNT, "adj-1",
                        Money.of(1_001, "EUR"), "goodwill", "clerk", Money.of(1_000, "EUR")))
                .when(new ApproveAdjustment(ACCOUNT, "adj-1", true, "agreed"), SUPERVISOR)
                .expectResultMessagePayload("APPLIED")
                .expectEvents(new BalanceAdjusted(ACCOUNT, "adj-1", Money.of(1_001, "EUR"), "goodwill", "clerk",
                        "supervisor", Money.of(3_001, "EUR"), "agreed"));
    }

    @Test
    void aRejectedAdjustmentChangesNoMoney() {
        fixture.given(opened(), credited(2_000), new AdjustmentAwaitingApproval(ACCOUNT, "adj-1",
                        Money.of(1_001, "EUR"), "goodwill", "clerk", Money.of(1_000, "EUR")))
                .when(new ApproveAdjustment(ACCOUNT, "adj-1", false, "no evidence"), SUPERVISOR)
                .expectResultMessagePayload("REJECTED")
                .expectEvents(new AdjustmentRejected(ACCOUNT, "adj-1", "supervisor", "no evidence"));
    }

    @Test
    void anAdjustmentWithoutAReasonIsRefused() {
        fixture.given(opened(), credited(2_000))
                .when(new AdjustBalance(ACCOUNT, "adj-1", Money.of(10, "EUR"), " "), CLERK)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aPaymentsReversalMayTakeTheBalanceBelowZeroAndDepletesTheAccount() {
        fixture.given(opened(), credited(300))
                .when(new ReversePaymentCredit(ACCOUNT, Money.of(500, "EUR"), "payment refunded: ch_1"), TENANT)
                .expectEvents(new BalanceRefunded(ACCOUNT, Money.of(500, "EUR"), "payment refunded: ch_1",
                                Money.of(-200, "EUR")),
                        new BalanceDepleted(ACCOUNT, METER, Money.of(-200, "EUR"), Money.of(0, "EUR")));
    }

    @Test
    void aPaymentsReversalInAnotherCurrencyIsRefused() {
        fixture.given(opened(), credited(300))
                .when(new ReversePaymentCredit(ACCOUNT, Money.of(100, "USD"), "payment disputed: du_1"), TENANT)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }
}
