package com.meterledger.core.meter;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.meter.MeterAttachedToAccount;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.MeterRegistered;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.meter.ReadingRejected;
import com.meterledger.api.meter.RecordReading;
import com.meterledger.api.meter.RejectionReason;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Utility;
import com.meterledger.core.supply.SupplyCalendars;
import com.meterledger.core.supply.SupplyTiming;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Time-of-use readings on the Meter aggregate: each register's delta is derived from the previous reading's value.
 * {@code Meter.record} is called by {@code MeteringService}; a test-only command stands in for it.
 */
class MeterRegistersTest {
    private static final MeterId METER = new MeterId("m-1");
    private static final AccountId ACCOUNT = new AccountId("a-1");
    private static final String TENANT = "tenant-a";
    private static final Instant OPENED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NEXT = OPENED.plus(Duration.ofHours(1));

    private AggregateTestFixture<Meter> fixture;

    record Read(@TargetAggregateIdentifier MeterId meterId, RecordReading reading) {
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Meter.class);
        fixture.registerInjectableResource((SupplyCalendars) tenant -> null);
        fixture.registerInjectableResource(new SupplyTiming(Duration.ofSeconds(30), 3));
        fixture.registerAnnotatedCommandHandler(new Object() {
            @CommandHandler
            void handle(Read read) {
                fixture.getRepository().load(read.meterId().value())
                        .execute(meter -> meter.record(read.reading(), TENANT, NEXT.plusSeconds(60)));
            }
        });
    }

    private static Object registered() {
        return GenericEventMessage.asEventMessage(new MeterRegistered(METER, new UnitId("u-1"), Utility.ELECTRICITY,
                "SN-1", OPENED)).andMetaData(MetaData.with(MetadataKeys.TENANT, TENANT));
    }

    private static Object attached(Map<String, BigDecimal> registers) {
        return new MeterAttachedToAccount(METER, ACCOUNT, OPENED, new BigDecimal("100"), registers);
    }

    private static Map<String, BigDecimal> registers(String peak, String valley) {
        return new TreeMap<>(Map.of("peak", new BigDecimal(peak), "valley", new BigDecimal(valley)));
    }

    @Test
    void eachRegistersDeltaIsRecordedWithThePreviousReadingsMoment() {
        fixture.given(registered(), attached(registers("40", "60")))
                .when(new Read(METER, new RecordReading(METER, NEXT, new BigDecimal("112.75"),
                        registers("42.5", "70.25"))))
                .expectEvents(new ReadingRecorded(METER, ACCOUNT, OPENED, NEXT, new BigDecimal("112.75"),
                        new BigDecimal("12.75"), registers("42.5", "70.25"), registers("2.5", "10.25")));
    }

    @Test
    void aSingleRegisterReadingHasNoRegisterDeltas() {
        fixture.given(registered(), attached(Map.of()))
                .when(new Read(METER, new RecordReading(METER, NEXT, new BigDecimal("105"))))
                .expectEvents(new ReadingRecorded(METER, ACCOUNT, OPENED, NEXT, new BigDecimal("105"),
                        new BigDecimal("5"), Map.of(), Map.of()));
    }

    @Test
    void aReadingWithOtherRegistersThanThePreviousOneIsRejected() {
        fixture.given(registered(), attached(registers("40", "60")))
                .when(new Read(METER, new RecordReading(METER, NEXT, new BigDecimal("110"),
                        Map.of("peak", new BigDecimal("50")))))
                .expectEvents(new ReadingRejected(METER, NEXT, new BigDecimal("110"), RejectionReason.REGISTERS_MISMATCH,
                        "the reading carries registers [peak], the previous one [peak, valley]"));
    }

    @Test
    void aRegisterGoingBackwardsIsRejectedEvenWhenTheTotalRises() {
        fixture.given(registered(), attached(registers("40", "60")))
                .when(new Read(METER, new RecordReading(METER, NEXT, new BigDecimal("101"),
                        registers("39", "62"))))
                .expectEvents(new ReadingRejected(METER, NEXT, new BigDecimal("101"),
                        RejectionReason.REGISTER_WENT_BACKWARDS,
                        "register peak 39 is below the latest accepted 40"));
    }

    @Test
    void aReadingWhoseRegistersRoseLessThanItsTotalIsRejectedAndNothingIsCharged() {
        fixture.given(registered(), attached(registers("40", "60")))
                .when(new Read(METER, new RecordReading(METER, NEXT, new BigDecimal("138.5"),
                        registers("45", "65"))))
                .expectEvents(new ReadingRejected(METER, NEXT, new BigDecimal("138.5"),
                        RejectionReason.REGISTERS_DISAGREE_WITH_TOTAL,
                        "the registers rose 10 in all but the total rose 38.5 (allowed difference 0.02)"));
    }

    @Test
    void registersThatAddUpToTheTotalWithinTheirRoundingAreCharged() {
        fixture.given(registered(), attached(registers("40", "60")))
                .when(new Read(METER, new RecordReading(METER, NEXT, new BigDecimal("112.77"),
                        registers("42.5", "70.25"))))
                .expectEvents(new ReadingRecorded(METER, ACCOUNT, OPENED, NEXT, new BigDecimal("112.77"),
                        new BigDecimal("12.77"), registers("42.5", "70.25"), registers("2.5", "10.25")));
    }
}
