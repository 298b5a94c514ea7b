package com.meterledger.query.account;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What the occupant's portal shows of one account beyond its balance: where it is (property and unit by name, the
 * utility), what it used per day and per month, and the money that came in or went back. Every read names the tenant
 * and the account (row-level security keeps it to the tenant besides), so a link of one account can never show
 * another's rows.
 * <p>
 * Consumption is counted on the day of its reading ({@code read_at}, in the caller's zone), not the day the charge was
 * booked: a gateway that delivers three days of readings at once still shows three days (the page showed one).
 */
@Repository
public class OccupantPortalQueries {
    /** The credits and refunds a portal lists, newest first. */
    public static final int PAYMENTS_SHOWN = 20;

    private final JdbcClient jdbc;

    public OccupantPortalQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Where the account is and what it measures; {@code tariffId} is null for an account without one. */
    public record Place(String propertyName, String unitName, Utility utility, String tariffId) {
    }

    /** Use on one day or in one month: the quantity in the utility's unit and what it cost, in minor units. */
    public record Usage(String period, BigDecimal quantity, long costMinor) {
    }

    /** A credit or a refund of the account's ledger; {@code kind} is the ledger's ({@code CREDIT}, {@code REFUND}). */
    public record Movement(long sequence, Instant at, String kind, long amountMinor, long balanceAfterMinor,
                           String reference) {
    }

    @Transactional(readOnly = true)
    public Place place(TenantId tenant, String accountId) {
        return jdbc.sql("""
                        select p.name, u.name, m.utility, a.tariff_id
                        from account_view a
                        join registry_unit u on u.tenant_id = a.tenant_id and u.unit_id = a.unit_id
                        join registry_property p on p.tenant_id = u.tenant_id and p.property_id = u.property_id
                        left join meter_view m on m.tenant_id = a.tenant_id and m.meter_id = a.meter_id
                        where a.tenant_id = ? and a.account_id = ?""")
                .params(tenant.value(), accountId)
                .query((rs, row) -> new Place(rs.getString(1), rs.getString(2),
                        rs.getString(3) == null ? Utility.ELECTRICITY : Utility.valueOf(rs.getString(3)),
                        rs.getString(4)))
                .optional().orElseThrow(() -> new NotFound("account", accountId));
    }

    /** Use per day of {@code zone} from {@code firstDay} on, oldest first; days without a reading are left out. */
    @Transactional(readOnly = true)
    public List<Usage> daily(TenantId tenant, String accountId, ZoneId zone, LocalDate firstDay) {
        return usage(tenant, accountId, zone, "YYYY-MM-DD", firstDay.atStartOfDay(zone).toInstant());
    }

    /** Use per month of {@code zone} from {@code firstMonth} on, oldest first. */
    @Transactional(readOnly = true)
    public List<Usage> monthly(TenantId tenant, String accountId, ZoneId zone, YearMonth firstMonth) {
        return usage(tenant, accountId, zone, "YYYY-MM", firstMonth.atDay(1).atStartOfDay(zone).toInstant());
    }

    private List<Usage> usage(TenantId tenant, String accountId, ZoneId zone, String pattern, Instant from) {
        // the booking index bounds the scan; a reading is never booked before it was read
        return jdbc.sql("""
                        select to_char(coalesce(read_at, occurred_at) at time zone ?, ?) as period,
                            coalesce(sum(quantity), 0), -sum(amount_minor)
                        from account_ledger_line
                        where tenant_id = ? and account_id = ? and kind = 'CHARGE' and occurred_at >= ?
                            and coalesce(read_at, occurred_at) >= ?
                        group by period order by period""")
                .params(zone.getId(), pattern, tenant.value(), accountId, Timestamp.from(from), Timestamp.from(from))
                .query((rs, row) -> new Usage(rs.getString(1), rs.getBigDecimal(2), rs.getLong(3)))
                .list();
    }

    /** The quantity charged since {@code from} (the start of a tariff's billing period): what its tiers count. */
    @Transactional(readOnly = true)
    public BigDecimal usedSince(TenantId tenant, String accountId, Instant from) {
        return jdbc.sql("""
                        select coalesce(sum(quantity), 0) from account_ledger_line
                        where tenant_id = ? and account_id = ? and kind = 'CHARGE' and occurred_at >= ?
                            and coalesce(read_at, occurred_at) >= ?""")
                .params(tenant.value(), accountId, Timestamp.from(from), Timestamp.from(from))
                .query(BigDecimal.class).single();
    }

    /** What the readings taken since {@code from} were charged, in minor units (a positive amount). */
    @Transactional(readOnly = true)
    public long chargedSince(TenantId tenant, String accountId, Instant from) {
        return jdbc.sql("""
                        select coalesce(-sum(amount_minor), 0) from account_ledger_line
                        where tenant_id = ? and account_id = ? and kind = 'CHARGE' and occurred_at >= ?
                            and coalesce(read_at, occurred_at) >= ?""")
                .params(tenant.value(), accountId, Timestamp.from(from), Timestamp.from(from))
                .query(Long.class).single();
    }

    /** The latest credits and refunds, newest first. */
    @Transactional(readOnly = true)
    public List<Movement> payments(TenantId tenant, String accountId) {
        return jdbc.sql("""
                        select sequence_number, occurred_at, kind, amount_minor, balance_after_minor, reference
                        from account_ledger_line
                        where tenant_id = ? and account_id = ? and kind in ('CREDIT', 'REFUND')
                        order by sequence_number desc limit ?""")
                .params(tenant.value(), accountId, PAYMENTS_SHOWN)
                .query((rs, row) -> new Movement(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getLong(4), rs.getLong(5), rs.getString(6)))
                .list();
    }

    /** One credit of the account's ledger, by its sequence number: what its receipt shows. */
    @Transactional(readOnly = true)
    public Optional<Movement> credit(TenantId tenant, String accountId, long sequence) {
        return jdbc.sql("""
                        select sequence_number, occurred_at, kind, amount_minor, balance_after_minor, reference
                        from account_ledger_line
                        where tenant_id = ? and account_id = ? and sequence_number = ? and kind = 'CREDIT'""")
                .params(tenant.value(), accountId, sequence)
                .query((rs, row) -> new Movement(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getLong(4), rs.getLong(5), rs.getString(6)))
                .optional();
    }
}
