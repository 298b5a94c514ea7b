package com.meterledger.query.alert;

import com.meterledger.api.meter.MeterAttachedToAccount;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.meter.ReadingRejected;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import com.meterledger.api.supply.SupplyCommandFailed;
import com.meterledger.api.supply.SupplyCommandTimedOut;
import com.meterledger.api.supply.SupplyRetryDeferred;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * The event side of the alerts inbox: a control command abandoned after its last time-out or failed for good opens a
 * {@link AlertKind#COMMAND_FAILED} alert at once (the event alone used to be the alert), which the meter's next
 * confirmed command resolves, and the back-off that follows tells it when the next attempt may be; a reading resolves
 * its meter's "not read" alert at once and is kept for the anomaly rules; rejected readings and confirmed supply-off
 * moments are kept for the evaluator's rules. Every write is keyed by the event (its id, the meter and moment), so a
 * redelivered or replayed event changes nothing.
 */
@Component
@ProcessingGroup(AlertProjection.PROCESSING_GROUP)
public class AlertProjection {
    public static final String PROCESSING_GROUP = "alert-projection";

    private final JdbcClient jdbc;
    private final AlertStore alerts;

    public AlertProjection(JdbcClient jdbc, AlertStore alerts) {
        this.jdbc = jdbc;
        this.alerts = alerts;
    }

    @EventHandler
    void on(ReadingRecorded event, @MetaDataValue(TENANT) String tenant, @Timestamp Instant at) {
        jdbc.sql("""
                        insert into alert_reading (tenant_id, meter_id, read_at, register) values (?, ?, ?, ?)
                        on conflict do nothing""")
                .params(tenant, event.meterId().value(), java.sql.Timestamp.from(event.readAt()),
                        event.registerValue())
                .update();
        alerts.resolve(new TenantId(tenant), AlertKind.METER_NOT_READ, event.meterId().value(), at);
    }

    /** A move-in's opening reading is the meter's first reading for the rules (it records no ReadingRecorded). */
    @EventHandler
    void on(MeterAttachedToAccount event, @MetaDataValue(TENANT) String tenant) {
        if (event.readAt() != null && event.openingRegister() != null) {
            jdbc.sql("""
                            insert into alert_reading (tenant_id, meter_id, read_at, register) values (?, ?, ?, ?)
                            on conflict do nothing""")
                    .params(tenant, event.meterId().value(), java.sql.Timestamp.from(event.readAt()),
                            event.openingRegister())
                    .update();
        }
    }

    @EventHandler
    void on(ReadingRejected event, @MetaDataValue(TENANT) String tenant, @Timestamp Instant at,
            @MessageIdentifier String eventId) {
        jdbc.sql("""
                        insert into alert_rejection (tenant_id, event_id, meter_id, rejected_at, reason)
                        values (?, ?, ?, ?, ?) on conflict do nothing""")
                .params(tenant, eventId, event.meterId().value(), java.sql.Timestamp.from(at),
                        event.reason().name())
                .update();
    }

    @EventHandler
    void on(SupplyCommandFailed event, @MetaDataValue(TENANT) String tenant, @Timestamp Instant at) {
        if (!event.willRetry()) {
            commandFailed(tenant, event.meterId().value(), at, "supply-command-failed", Map.of(
                    "commandId", event.commandId().value(), "action", event.action().name(),
                    "attempt", Integer.toString(event.attempt()),
                    "detail", event.detail() == null ? "" : event.detail()));
        }
    }

    @EventHandler
    void on(SupplyCommandTimedOut event, @MetaDataValue(TENANT) String tenant, @Timestamp Instant at) {
        if (!event.willRetry()) {
            commandFailed(tenant, event.meterId().value(), at, "supply-command-abandoned", Map.of(
                    "commandId", event.commandId().value(), "action", event.action().name(),
                    "attempt", Integer.toString(event.attempt())));
        }
    }

    /**
     * The abandoned command's alert says when the reconciler may try again (an instant: pages show it in the
     * reader's zone) and how many commands in a row went unanswered; a later abandonment brings both up to date.
     */
    @EventHandler
    void on(SupplyRetryDeferred event, @MetaDataValue(TENANT) String tenant) {
        alerts.updateFigures(new TenantId(tenant), AlertKind.COMMAND_FAILED, event.meterId().value(), Map.of(
                "commandId", event.commandId().value(), "action", event.action().name(),
                "nextAttemptAt", event.notBefore().truncatedTo(ChronoUnit.SECONDS).toString(),
                "abandonmentsInARow", Integer.toString(event.abandonmentsInARow())));
    }

    @EventHandler
    void on(SupplyCommandConfirmed event, @MetaDataValue(TENANT) String tenant, @Timestamp Instant at) {
        TenantId id = new TenantId(tenant);
        alerts.resolve(id, AlertKind.COMMAND_FAILED, event.meterId().value(), at);
        if (event.action() == SupplyAction.CUT) {
            jdbc.sql("""
                            insert into alert_supply_off (tenant_id, meter_id, since) values (?, ?, ?)
                            on conflict (tenant_id, meter_id) do update set since = excluded.since
                            where alert_supply_off.since < excluded.since""")
                    .params(tenant, event.meterId().value(), java.sql.Timestamp.from(at)).update();
        } else {
            jdbc.sql("delete from alert_supply_off where tenant_id = ? and meter_id = ? and since <= ?")
                    .params(tenant, event.meterId().value(), java.sql.Timestamp.from(at)).update();
            alerts.resolve(id, AlertKind.CONSUMPTION_WHILE_OFF, event.meterId().value(), at);
        }
    }

    private void commandFailed(String tenant, String meter, Instant at, String rule, Map<String, String> figures) {
        alerts.open(new TenantId(tenant), AlertKind.COMMAND_FAILED, meter, propertyOf(tenant, meter).orElse(null), at,
                rule, figures, at);
    }

    private Optional<String> propertyOf(String tenant, String meter) {
        return jdbc.sql("select property_id from meter_view where tenant_id = ? and meter_id = ?")
                .params(tenant, meter).query(String.class).optional();
    }
}
