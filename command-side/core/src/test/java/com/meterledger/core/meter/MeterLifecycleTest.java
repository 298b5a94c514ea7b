package com.meterledger.core.meter;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.meter.DeclareRegisterRollover;
import com.meterledger.api.meter.DecommissionMeter;
import com.meterledger.api.meter.MeterAttachedToAccount;
import com.meterledger.api.meter.MeterDecommissioned;
import com.meterledger.api.meter.MeterDetachedFromAccount;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.MeterRegistered;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.meter.ReadingRejected;
import com.meterledger.api.meter.RecordReading;
import com.meterledger.api.meter.RegisterRolledOver;
import com.meterledger.api.meter.RegisterRolloverDeclared;
import com.meterledger.api.meter.RejectionReason;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.supply.ProtectMeter;
import com.meterledger.api.supply.RequestSupplyChange;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.core.supply.AccountStanding;
import com.meterledger.core.supply.AccountStandings;
import com.meterledger.core.supply.SupplyCalendars;
import com.meterledger.core.supply.SupplyTiming;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

/** Decommission and declared register rollover on the Meter aggregate. */
class MeterLifecycleTest {
    private static final MeterId METER = new MeterId("m-1");
    private static final AccountId ACCOUNT = new AccountId("a-1");
    private static final String TENANT = "tenant-a";
    private static final Instant OPENED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NEXT = OPENED.plus(Duration.ofHours(1));
    private static final Instant LATER = NEXT.plus(Duration.ofHours(1));

    private AggregateTestFixture<Meter> fixture;

    /** {@code Meter.record} / {@code attachAccount} are called by MeteringService; test-only commands stand in. */
    record Read(@TargetAggregateIdentifier MeterId meterId, RecordReading reading) {
    }

    record Attach(@TargetAggregateIdentifier MeterId meterId, AccountId accountId) {
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Meter.class);
        fixture.registerInjectableResource((SupplyCalendars) tenant -> null);
        fixture.registerInjectableResource(new SupplyTiming(Duration.ofSeconds(30), 3));
        fixture.registerInjectableResource((AccountStandings) (account, tenant) -> AccountStanding.none(account));
        fixture.registerAnnotatedCommandHandler(new Object() {
            @CommandHandler
            void handle(Read read) {
                fixture.getRepository().load(read.meterId().value())
                        .execute(meter -> meter.record(read.reading(), TENANT, LATER.plusSeconds(60)));
            }

            @CommandHandler
            void handle(Attach attach) {
                fixture.getRepository().load(attach.meterId().value())
                        .execute(meter -> meter.attachAccount(attach.accountId(), LATER, new BigDecimal("200"),
                                Map.of(), TENANT, LATER.plusSeconds(60)));
            }
        });
    }

    private static Object registered() {
        return GenericEventMessage.asEventMessage(new MeterRegistered(METER, new UnitId("u-1"), Utility.ELECTRICITY,
                "SN-1", OPENED)).andMetaData(MetaData.with(MetadataKeys.TENANT, TENANT));
    }

    private static Map<String, ?> meta() {
        return Map.of(MetadataKeys.TENANT, TENANT);
    }

    private static Object attached(String register) {
        return new MeterAttachedToAccount(METER, ACCOUNT, OPENED, new BigDecimal(register), Map.of());
    }

    private static Object detached() {
        return new MeterDetachedFromAccount(METER, ACCOUNT, NEXT, new BigDecimal("105"));
    }

    private static Object decommissioned() {
        return new MeterDecommissioned(METER, "worn out", NEXT);
    }

    static Matcher<Throwable> violating(String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof RuleViolation violation && rule.equals(violation.rule());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation of rule " + rule);
            }
        };
    }

    // --- decommission

    @Test
    void aMeterSupplyingAnAccountCannotBeDecommissioned() {
        fixture.given(registered(), attached("100"))
                .when(new DecommissionMeter(METER, "worn out"), meta())
                .expectException(violating("meter-supplies-an-account"))
                .expectNoEvents();
    }

    @Test
    void aFreeMeterIsDecommissionedWithItsReason() {
        fixture.given(registered(), attached("100"), detached())
                .when(new DecommissionMeter(METER, "worn out"), meta())
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(p -> p instanceof MeterDecommissioned d && d.meterId().equals(METER)
                                && d.reason().equals("worn out")), andNoMore())));
    }

    @Test
    void decommissioningNeedsAReason() {
        fixture.given(registered())
                .when(new DecommissionMeter(METER, " "), meta())
                .expectException(violating("decommission-reason-required"))
                .expectNoEvents();
    }

    @Test
    void decommissioningTwiceIsANoOp() {
        fixture.given(registered(), decommissioned())
                .when(new DecommissionMeter(METER, "again"), meta())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReadingForADecommissionedMeterIsRefusedAndNothingIsStored() {
        fixture.given(registered(), attached("100"), detached(), decommissioned())
                .when(new Read(METER, new RecordReading(METER, LATER, new BigDecimal("110"))))
                .expectException(violating("meter-decommissioned"))
                .expectNoEvents();
    }

    @Test
    void aDecommissionedMeterCannotBeAttachedToAnAccount() {
        fixture.given(registered(), decommissioned())
                .when(new Attach(METER, new AccountId("a-2")))
                .expectException(violating("meter-decommissioned"))
                .expectNoEvents();
    }

    @Test
    void aDecommissionedMeterTakesNoSupplyCommand() {
        fixture.given(registered(), decommissioned())
                .when(new RequestSupplyChange(METER, SupplyAction.CUT, "tamper"), meta())
                .expectException(violating("meter-decommissioned"))
                .expectNoEvents();
    }

    @Test
    void aDecommissionedMeterCannotBeProtected() {
        fixture.given(registered(), decommissioned())
                .when(new ProtectMeter(METER, true, "medical"), meta())
                .expectException(violating("meter-decommissioned"))
                .expectNoEvents();
    }

    @Test
    void aDecommissionedMeterTakesNoRolloverDeclaration() {
        fixture.given(registered(), decommissioned())
                .when(new DeclareRegisterRollover(METER, new BigDecimal("100000"), "wrap"), meta())
                .expectException(violating("meter-decommissioned"))
                .expectNoEvents();
    }

    // --- declared rollover

    @Test
    void withoutADeclarationALowerRegisterIsStillRejectedAsGoingBackwards() {
        fixture.given(registered(), attached("99990.5"))
                .when(new Read(METER, new RecordReading(METER, NEXT, new BigDecimal("3.25"))))
                .expectEvents(new ReadingRejected(METER, NEXT, new BigDecimal("3.25"),
                        RejectionReason.REGISTER_WENT_BACKWARDS,
                        "register 3.25 is below the latest accepted 99990.5"));
    }

    @Test
    void aRolloverIsDeclaredWithTheRegisterItFollows() {
        fixture.given(registered(), attached("99990.5"))
                .when(new DeclareRegisterRollover(METER, new BigDecimal("100000"), "register wraps at 99999.999"),
                        meta())
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(p -> p instanceof RegisterRolloverDeclared d
                                && d.rolloverAt().compareTo(new BigDecimal("100000")) == 0
                                && d.lastRegister().compareTo(new BigDecimal("99990.5")) == 0), andNoMore())));
    }

    @Test
    void aRolloverAtOrBelowTheRegisterIsRefused() {
        fixture.given(registered(), attached("99990.5"))
                .when(new DeclareRegisterRollover(METER, new BigDecimal("99990.5"), "wrap"), meta())
                .expectException(violating("rollover-below-register"))
                .expectNoEvents();
    }

    @Test
    void afterADeclarationTheWrappedReadingIsChargedExactlyAcrossTheWrap() {
        // (100000 - 99990.5) + 3.25 = 12.75
        fixture.given(registered(), attached("99990.5"), declared())
                .when(new Read(METER, new RecordReading(METER, NEXT, new BigDecimal("3.25"))))
                .expectEvents(
                        new RegisterRolledOver(METER, NEXT, new BigDecimal("99990.5"), new BigDecimal("3.25"),
                                new BigDecimal("100000")),
                        new ReadingRecorded(METER, ACCOUNT, OPENED, NEXT, new BigDecimal("3.25"),
                                new BigDecimal("12.75"), Map.of(), Map.of()));
    }

    @Test
    void aRisingReadingLeavesTheDeclarationForTheWrap() {
        fixture.given(registered(), attached("99990.5"), declared())
                .when(new Read(METER, new RecordReading(METER, NEXT, new BigDecimal("99995"))))
                .expectEvents(new ReadingRecorded(METER, ACCOUNT, OPENED, NEXT, new BigDecimal("99995"),
                        new BigDecimal("4.5"), Map.of(), Map.of()));
    }

    @Test
    void theDeclarationIsUsedUpByTheWrap() {
        fixture.given(registered(), attached("99990.5"), declared(),
                        new RegisterRolledOver(METER, NEXT, new BigDecimal("99990.5"), new BigDecimal("3.25"),
                                new BigDecimal("100000")),
                        new ReadingRecorded(METER, ACCOUNT, OPENED, NEXT, new BigDecimal("3.25"),
                                new BigDecimal("12.75"), Map.of(), Map.of()))
                .when(new Read(METER, new RecordReading(METER, LATER, new BigDecimal("1"))))
                .expectEvents(new ReadingRejected(METER, LATER, new BigDecimal("1"),
                        RejectionReason.REGISTER_WENT_BACKWARDS, "register 1 is below the latest accepted 3.25"));
    }

    @Test
    void anImplausibleWrapIsStillRejectedAndTheDeclarationKept() {
        // 100000 - 50000 + 10 = 50010 kWh in one hour: far above the ceiling
        fixture.given(registered(), attached("50000"), declared())
                .when(new Read(METER, new RecordReading(METER, NEXT, new BigDecimal("10"))))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(p -> p instanceof ReadingRejected r
                                && r.reason() == RejectionReason.IMPLAUSIBLE_JUMP), andNoMore())));
    }

    @Test
    void timeOfUseRegistersWrapWithTheTotal() {
        Map<String, BigDecimal> opening = new TreeMap<>(Map.of("peak", new BigDecimal("99995"),
                "valley", new BigDecimal("4995.5")));
        Map<String, BigDecimal> read = new TreeMap<>(Map.of("peak", new BigDecimal("2"),
                "valley", new BigDecimal("4999")));
        fixture.given(registered(), new MeterAttachedToAccount(METER, ACCOUNT, OPENED, new BigDecimal("99990.5"),
                        opening), declared())
                .when(new Read(METER, new RecordReading(METER, NEXT, new BigDecimal("1"), read)))
                .expectEvents(
                        new RegisterRolledOver(METER, NEXT, new BigDecimal("99990.5"), new BigDecimal("1"),
                                new BigDecimal("100000")),
                        new ReadingRecorded(METER, ACCOUNT, OPENED, NEXT, new BigDecimal("1"),
                                new BigDecimal("10.5"), read, new TreeMap<>(Map.of("peak", new BigDecimal("7"),
                                "valley", new BigDecimal("3.5")))));
    }

    private static Object declared() {
        return new RegisterRolloverDeclared(METER, new BigDecimal("100000"), new BigDecimal("99990.5"),
                "register wraps at 99999.999", OPENED);
    }
}
