package com.meterledger.core.meter;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.MeterRegistered;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.supply.ConfirmSupplyCommand;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import com.meterledger.api.supply.SupplyCommandFailed;
import com.meterledger.api.supply.SupplyCommandId;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.supply.SupplyRetryDeferred;
import com.meterledger.core.supply.SupplyCalendars;
import com.meterledger.core.supply.SupplyTiming;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A gateway's acknowledgement of a cut or restore: confirmed, or failed and tried again up to the last attempt. */
class MeterSupplyCommandTest {
    private static final MeterId METER = new MeterId("m-1");
    private static final String TENANT = "tenant-a";
    private static final SupplyCommandId COMMAND = new SupplyCommandId("cmd-1");
    private static final Map<String, ?> META = Map.of(MetadataKeys.TENANT, TENANT);

    private AggregateTestFixture<Meter> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Meter.class);
        fixture.registerInjectableResource((SupplyCalendars) tenant -> null);
        fixture.registerInjectableResource(new SupplyTiming(Duration.ofSeconds(30), 3));
    }

    private static Object registered() {
        return GenericEventMessage.asEventMessage(new MeterRegistered(METER, new UnitId("u-1"), Utility.ELECTRICITY,
                "SN-1", Instant.parse("2026-01-01T00:00:00Z"))).andMetaData(MetaData.with(MetadataKeys.TENANT, TENANT));
    }

    private static SupplyCommandIssued restore(int attempt) {
        return new SupplyCommandIssued(METER, COMMAND, SupplyAction.RESTORE, "top-up-above-reconnect-level", attempt);
    }

    private static ConfirmSupplyCommand relayDidNotMove() {
        return new ConfirmSupplyCommand(METER, COMMAND, false, "relay did not move");
    }

    @Test
    void aCommandTheMeterCouldNotCarryOutIsSentAgainAsTheNextAttempt() {
        fixture.given(registered(), restore(1))
                .when(relayDidNotMove(), META)
                .expectEvents(new SupplyCommandFailed(METER, COMMAND, SupplyAction.RESTORE, "relay did not move", 1, true),
                        restore(2))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(60), Meter.ACKNOWLEDGEMENT_DEADLINE);
    }

    @Test
    void theLastAttemptsFailureAbandonsTheCommand() {
        fixture.given(registered(), restore(1),
                        new SupplyCommandFailed(METER, COMMAND, SupplyAction.RESTORE, "relay did not move", 1, true),
                        restore(2),
                        new SupplyCommandFailed(METER, COMMAND, SupplyAction.RESTORE, "relay did not move", 2, true),
                        restore(3))
                .andGivenCurrentTime(Instant.parse("2026-01-05T12:00:00Z"))
                .when(relayDidNotMove(), META)
                .expectEvents(new SupplyCommandFailed(METER, COMMAND, SupplyAction.RESTORE, "relay did not move", 3, false),
                        new SupplyRetryDeferred(METER, COMMAND, SupplyAction.RESTORE, 1,
                                Instant.parse("2026-01-05T12:01:00Z")))
                .expectNoScheduledDeadlines();
    }

    @Test
    void anAbandonedCommandTakesNoLaterAcknowledgement() {
        fixture.given(registered(), restore(3),
                        new SupplyCommandFailed(METER, COMMAND, SupplyAction.RESTORE, "relay did not move", 3, false))
                .when(new ConfirmSupplyCommand(METER, COMMAND, true, null), META)
                .expectNoEvents();
    }

    @Test
    void theRetriedAttemptsAcknowledgementConfirmsTheCommand() {
        fixture.given(registered(), restore(1),
                        new SupplyCommandFailed(METER, COMMAND, SupplyAction.RESTORE, "relay did not move", 1, true),
                        restore(2))
                .when(new ConfirmSupplyCommand(METER, COMMAND, true, null), META)
                .expectEvents(new SupplyCommandConfirmed(METER, COMMAND, SupplyAction.RESTORE));
    }
}
