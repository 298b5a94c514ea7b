package com.meterledger.query.tariff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.account.AccountClosed;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.OpenAccount;
import com.meterledger.api.account.TariffAssigned;
import com.meterledger.api.tariff.TariffCreated;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TariffVersionPublished;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.Optional;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * The tariff read model: a row per tariff (with the account whose own tariff it is, if any, and that account's
 * property) and a row per published version, with the schedule as JSON in the shape the API answers ({@code "kind"}
 * names the variant), and the open accounts each tariff prices, per property (V269), so that the tariff list reads a
 * count instead of counting 16,000 accounts per row; a batch's changes of the counts are written as it commits, in one
 * order of their rows ({@link OpenAccountCounts}); the private tariffs' rows the batch may write are locked by its
 * first handler, also in one order ({@link TariffRowLocks}). Idempotent: a tariff row is inserted once, a version row
 * once per number, the tariff's kind and state follow only a version newer than the latest one seen, and an account
 * moves the counts only when its own row here ({@code tariff_account}: tariff, property, open) changes, so a
 * redelivered or replayed event changes nothing. Rebuildable: the reset empties the tables and the processor replays
 * the store (see {@code ProjectionRebuilds}) to the same rows and counts.
 */
@Component
@ProcessingGroup(TariffProjection.PROCESSING_GROUP)
public class TariffProjection {
    public static final String PROCESSING_GROUP = "tariff-projection";

    private final JdbcClient jdbc;
    private final JdbcTemplate counts;
    private final ObjectMapper json;

    public TariffProjection(JdbcClient jdbc, JdbcTemplate counts, ObjectMapper json) {
        this.jdbc = jdbc;
        this.counts = counts;
        this.json = json;
    }

    /**
     * The tariff's row, with the account whose private flat tariff it is (its id and name say so:
     * {@link OpenAccount#ownerOfPrivateTariff}), so that a property manager's lists never show it as shared, not even
     * for the moment before the account's own events are projected (they may be read in another segment). The
     * account's property comes from its row here when the account was projected first; otherwise its opening puts it
     * on this row ({@link #on(AccountOpened, String, EventMessage)}); the lock on the tariff's row orders the two
     * ({@link TariffRowLocks}).
     */
    @EventHandler
    void on(TariffCreated event, @MetaDataValue(TENANT) String tenant, EventMessage<?> message) {
        TariffRowLocks.take(jdbc, message);
        String account = OpenAccount.ownerOfPrivateTariff(event.tariffId(), event.name()).map(AccountId::value)
                .orElse(null);
        jdbc.sql("""
                        insert into tariff_view (tenant_id, tariff_id, name, utility, kind, currency, zone, state,
                            latest_version, created_at, account_id, property_id)
                        values (?, ?, ?, ?, null, ?, ?, 'DRAFT', 0, ?, ?,
                                (select property_id from tariff_account where tenant_id = ? and account_id = ?))
                        on conflict do nothing""")
                .params(tenant, event.tariffId().value(), event.name(), event.utility().name(),
                        event.currency().getCurrencyCode(), event.zone().getId(), Timestamp.from(event.createdAt()),
                        account, tenant, account)
                .update();
    }

    /**
     * An open account on its tariff, counted under the property of its unit (registry-projection's row, as
     * dashboard-projection takes it); the account's own flat tariff, if that is it, gets the property on its row.
     */
    @EventHandler
    void on(AccountOpened event, @MetaDataValue(TENANT) String tenant, EventMessage<?> message) {
        TariffRowLocks.take(jdbc, message);
        String account = event.accountId().value();
        if (accountOf(tenant, account).isPresent()) {
            return;
        }
        String property = jdbc.sql("select property_id from registry_unit where tenant_id = ? and unit_id = ?")
                .params(tenant, event.unitId().value()).query(String.class).optional().orElse(null);
        jdbc.sql("""
                        insert into tariff_account (tenant_id, account_id, tariff_id, property_id, open)
                        values (?, ?, ?, ?, true)""")
                .params(tenant, account, event.tariffId().value(), property).update();
        count(tenant, event.tariffId().value(), property, 1);
        jdbc.sql("update tariff_view set property_id = ? where tenant_id = ? and account_id = ?")
                .params(property, tenant, account).update();
    }

    /** A re-priced account moves from one tariff's count to the other's, once, while it is open. */
    @EventHandler
    void on(TariffAssigned event, @MetaDataValue(TENANT) String tenant, EventMessage<?> message) {
        TariffRowLocks.take(jdbc, message);
        String account = event.accountId().value();
        String tariff = event.tariffId().value();
        accountOf(tenant, account).filter(held -> !held.tariffId().equals(tariff)).ifPresent(held -> {
            jdbc.sql("update tariff_account set tariff_id = ? where tenant_id = ? and account_id = ?")
                    .params(tariff, tenant, account).update();
            if (held.open()) {
                count(tenant, held.tariffId(), held.propertyId(), -1);
                count(tenant, tariff, held.propertyId(), 1);
            }
        });
    }

    /** A closed account no longer counts on its tariff, once. */
    @EventHandler
    void on(AccountClosed event, @MetaDataValue(TENANT) String tenant, EventMessage<?> message) {
        TariffRowLocks.take(jdbc, message);
        String account = event.accountId().value();
        accountOf(tenant, account).filter(Held::open).ifPresent(held -> {
            jdbc.sql("update tariff_account set open = false where tenant_id = ? and account_id = ?")
                    .params(tenant, account).update();
            count(tenant, held.tariffId(), held.propertyId(), -1);
        });
    }

    @EventHandler
    void on(TariffVersionPublished event, @MetaDataValue(TENANT) String tenant, EventMessage<?> message) {
        TariffRowLocks.take(jdbc, message);
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

    /** An account as this projection holds it: its tariff, its property when opened (null if unknown), open or not. */
    private record Held(String tariffId, String propertyId, boolean open) {
    }

    private Optional<Held> accountOf(String tenant, String account) {
        return jdbc.sql("select tariff_id, property_id, open from tariff_account where tenant_id = ? and account_id = ?")
                .params(tenant, account)
                .query((rs, row) -> new Held(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                .optional();
    }

    /**
     * Adds {@code delta} to the open accounts of a tariff in a property ('' where the property is not known) when the
     * batch commits, with the batch's other counts in one order ({@link OpenAccountCounts}: no deadlock between
     * segments).
     */
    private void count(String tenant, String tariff, String property, long delta) {
        OpenAccountCounts.add(counts, tenant, tariff, property, delta);
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
