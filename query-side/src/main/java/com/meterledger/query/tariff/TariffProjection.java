package com.meterledger.query.tariff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.OpenAccount;
import com.meterledger.api.tariff.TariffCreated;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TariffVersionPublished;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * The tariff read model: a row per tariff (with the account whose own tariff it is, if any) and a row per published
 * version, with the schedule as JSON in the shape the API answers ({@code "kind"} names the variant). Idempotent: a tariff row is inserted once, a version row once per
 * number, and the tariff's kind and state follow only a version newer than the latest one seen, so a redelivered or
 * replayed event changes nothing. Rebuildable: the reset empties both tables and the processor replays the store
 * (see {@code ProjectionRebuilds}).
 */
@Component
@ProcessingGroup(TariffProjection.PROCESSING_GROUP)
public class TariffProjection {
    public static final String PROCESSING_GROUP = "tariff-projection";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public TariffProjection(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The tariff's row, with the account whose private flat tariff it is (its id and name say so:
     * {@link OpenAccount#ownerOfPrivateTariff}), so that a property manager's lists never show it as shared, not even
     * for the moment before the account's own events are projected (they may be read in another segment).
     */
    @EventHandler
    void on(TariffCreated event, @MetaDataValue(TENANT) String tenant) {
        String account = OpenAccount.ownerOfPrivateTariff(event.tariffId(), event.name()).map(AccountId::value)
                .orElse(null);
        jdbc.sql("""
                        insert into tariff_view (tenant_id, tariff_id, name, utility, kind, currency, zone, state,
                            latest_version, created_at, account_id)
                        values (?, ?, ?, ?, null, ?, ?, 'DRAFT', 0, ?, ?) on conflict do nothing""")
                .params(tenant, event.tariffId().value(), event.name(), event.utility().name(),
                        event.currency().getCurrencyCode(), event.zone().getId(), Timestamp.from(event.createdAt()),
                        account)
                .update();
    }

    @EventHandler
    void on(TariffVersionPublished event, @MetaDataValue(TENANT) String tenant) {
        String kind = kindOf(event.version().schedule());
        jdbc.sql("""
                        insert into tariff_version_view (tenant_id, tariff_id, version_number, effective_from, kind,
                            schedule, standing_charge_per_day, published_at)
                        values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?) on conflict do nothing""")
                .params(tenant, event.tariffId().value(), event.versionNumber(),
                        Timestamp.from(event.version().effectiveFrom()), kind, schedule(event.version().schedule()),
                        event.version().standingChargePerDay(), Timestamp.from(event.publishedAt()))
                .update();
        jdbc.sql("""
                        update tariff_view set state = 'PUBLISHED', kind = ?, latest_version = ?
                        where tenant_id = ? and tariff_id = ? and latest_version < ?""")
                .params(kind, event.versionNumber(), tenant, event.tariffId().value(), event.versionNumber())
                .update();
    }

    /**
     * A rebuild starts from empty tables. They hold every tenant's rows, so this is a platform-level operation; the
     * database function truncates as the tables' owner (V250).
     */
    @ResetHandler
    void reset() {
        jdbc.sql("select meterledger_reset_tariff_projection()").query().listOfRows();
    }

    /** The schedule's kind as the API names it: FLAT, TIERED or TIME_OF_USE. */
    public static String kindOf(TariffSchedule schedule) {
        return switch (schedule) {
            case TariffSchedule.Flat flat -> "FLAT";
            case TariffSchedule.Tiered tiered -> "TIERED";
            case TariffSchedule.TimeOfUse timeOfUse -> "TIME_OF_USE";
        };
    }

    private String schedule(TariffSchedule schedule) {
        try {
            return json.writerFor(TariffSchedule.class).writeValueAsString(schedule);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a tariff's schedule", e);
        }
    }
}
