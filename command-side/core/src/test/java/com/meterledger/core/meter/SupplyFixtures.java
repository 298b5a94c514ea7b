package com.meterledger.core.meter;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.meter.MeterAttachedToAccount;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.MeterRegistered;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandId;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.supply.SupplyDecision;
import com.meterledger.api.supply.SupplyDecisionRecorded;
import com.meterledger.core.supply.AccountStanding;
import com.meterledger.core.supply.AccountStandings;
import com.meterledger.core.supply.FriendlyWindow;
import com.meterledger.core.supply.SupplyCalendars;
import com.meterledger.core.supply.SupplyTiming;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** One meter of one account, its history and the account's standings, for the supply tests of the Meter. */
final class SupplyFixtures {
    static final MeterId METER = new MeterId("m-1");
    static final AccountId ACCOUNT = new AccountId("a-1");
    static final String TENANT = "tenant-a";
    static final Map<String, ?> META = Map.of(MetadataKeys.TENANT, TENANT);
    static final Instant MONDAY_NOON = Instant.parse("2026-01-05T12:00:00Z");
    static final SupplyCommandId CUT = new SupplyCommandId("cut-1");
    static final SupplyCommandId RESTORE = new SupplyCommandId("restore-1");

    /** The account as it stands when the meter decides: above its reconnect level, or depleted at its cut-off. */
    static final AccountStanding TOPPED_UP = new AccountStanding(ACCOUNT, 900, 0, 100, false, true);
    static final AccountStanding AT_CUT_OFF = new AccountStanding(ACCOUNT, -100, 0, 100, true, true);

    private SupplyFixtures() {
    }

    /** Weekends are friendly, no nights; 30 s to acknowledge, three attempts; the account stands as the test says. */
    static AggregateTestFixture<Meter> meterFixture(Supplier<AccountStanding> standing) {
        AggregateTestFixture<Meter> fixture = new AggregateTestFixture<>(Meter.class);
        FriendlyWindow weekends = new FriendlyWindow(ZoneOffset.UTC, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, true,
                Set.of());
        fixture.registerInjectableResource((SupplyCalendars) tenant -> weekends);
        fixture.registerInjectableResource(new SupplyTiming(Duration.ofSeconds(30), 3));
        fixture.registerInjectableResource((AccountStandings) (account, tenant) -> standing.get());
        return fixture;
    }

    static Object registered() {
        return GenericEventMessage.asEventMessage(new MeterRegistered(METER, new UnitId("u-1"), Utility.ELECTRICITY,
                "SN-1", Instant.parse("2026-01-01T00:00:00Z"))).andMetaData(MetaData.with(MetadataKeys.TENANT, TENANT));
    }

    static Object attached() {
        return new MeterAttachedToAccount(METER, ACCOUNT, Instant.parse("2026-01-01T00:00:00Z"), BigDecimal.ZERO,
                Map.of());
    }

    static Object decided(SupplyDecision decision, String rule) {
        return new SupplyDecisionRecorded(METER, ACCOUNT, decision, rule, "as decided then");
    }

    static SupplyCommandIssued issued(SupplyCommandId id, SupplyAction action, int attempt) {
        return new SupplyCommandIssued(METER, id, action, "balance-at-cut-off", attempt);
    }
}
