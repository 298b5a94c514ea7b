package com.meterledger.gateway.payment.billing;

import com.meterledger.api.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Tables tenant_subscription and tenant_meter_report (V220): the platform's billing facts per tenant. Methods taking
 * the tenant run as that tenant under row-level security; {@link #tenantOf} and {@link #every} are the narrow
 * cross-tenant doors (SQL functions), for webhooks and the platform's scheduled work.
 */
public class Subscriptions {
    private final JdbcClient jdbc;

    public Subscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A tenant's billing as the platform knows it; {@code tenantId} is null in a tenant's own reads. */
    public record Subscription(String tenantId, String customerId, String plan, String stripeStatus, Instant trialEnd,
                               String lastInvoiceId, String lastInvoiceStatus, Long lastInvoiceMinor,
                               String lastInvoiceCurrency, Instant lastInvoiceAt, Instant graceUntil) {
    }

    private static final String COLUMNS = """
            tenant_id, customer_id, plan, stripe_status, trial_end, last_invoice_id, last_invoice_status,
            last_invoice_minor, last_invoice_currency, last_invoice_at, grace_until""";

    @Transactional(readOnly = true)
    public Optional<Subscription> find(TenantId tenant) {
        return jdbc.sql("select " + COLUMNS + " from tenant_subscription where tenant_id = ?").param(tenant.value())
                .query(Subscriptions::row).optional();
    }

    /** @return the tenant's customer: this one, or the one another request stored first */
    @Transactional
    public String saveCustomer(TenantId tenant, String customerId) {
        jdbc.sql("insert into tenant_subscription (tenant_id, customer_id) values (?, ?) on conflict (tenant_id) do nothing")
                .params(tenant.value(), customerId).update();
        return jdbc.sql("select customer_id from tenant_subscription where tenant_id = ?").param(tenant.value())
                .query(String.class).single();
    }

    /** Which tenant the platform made this Stripe customer for; empty for one we never made. */
    public Optional<TenantId> tenantOf(String customerId) {
        if (customerId == null || customerId.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("select tenant_subscription_tenant(?)").param(customerId).query(String.class).optional()
                .map(TenantId::new);
    }

    /**
     * Stores the subscription as a Stripe event created at {@code eventAt} shows it.
     *
     * @return false when a newer event was applied already (Stripe does not promise order): nothing changed
     */
    @Transactional
    public boolean applySubscription(TenantId tenant, String subscriptionId, String plan, String stripeStatus,
                                     Instant trialEnd, Instant eventAt) {
        return jdbc.sql("""
                        update tenant_subscription set subscription_id = ?, plan = coalesce(?, plan),
                            stripe_status = ?, trial_end = ?, subscription_event_at = ?, updated_at = now()
                        where tenant_id = ? and (subscription_event_at is null or subscription_event_at <= ?)""")
                .params(subscriptionId, plan, stripeStatus, timestamp(trialEnd), timestamp(eventAt), tenant.value(),
                        timestamp(eventAt))
                .update() == 1;
    }

    /**
     * The newest invoice; a failed one starts the grace period unless one already runs (a second failed attempt of
     * the same debt does not extend it), a paid one ends it.
     */
    @Transactional
    public void recordInvoice(TenantId tenant, String invoiceId, String status, long amountMinor, String currency,
                              Instant at, Instant graceUntilIfFailed) {
        jdbc.sql("""
                        update tenant_subscription set last_invoice_id = ?, last_invoice_status = ?,
                            last_invoice_minor = ?, last_invoice_currency = ?, last_invoice_at = ?,
                            grace_until = case when ? then null else coalesce(grace_until, ?) end, updated_at = now()
                        where tenant_id = ?""")
                .params(invoiceId, status, amountMinor, currency, timestamp(at), graceUntilIfFailed == null,
                        timestamp(graceUntilIfFailed), tenant.value())
                .update();
    }

    /** The tenant's subscription at Stripe while it is not cancelled; empty when it has none or it ended. */
    @Transactional(readOnly = true)
    public Optional<String> liveSubscription(TenantId tenant) {
        return jdbc.sql("""
                        select subscription_id from tenant_subscription
                        where tenant_id = ? and subscription_id is not null
                          and coalesce(stripe_status, '') <> 'canceled'""")
                .param(tenant.value()).query(String.class).optional();
    }

    /** Stripe answered the cancellation: the grace period, if one ran, ends with it. */
    @Transactional
    public void markCanceled(TenantId tenant, String subscriptionId) {
        jdbc.sql("""
                        update tenant_subscription set stripe_status = 'canceled', grace_until = null, updated_at = now()
                        where tenant_id = ? and subscription_id = ?""")
                .params(tenant.value(), subscriptionId).update();
    }

    @Transactional
    public void endGrace(TenantId tenant) {
        jdbc.sql("update tenant_subscription set grace_until = null, updated_at = now() where tenant_id = ?")
                .param(tenant.value()).update();
    }

    /** Every tenant's billing, for the platform's operator and its scheduled work. */
    public List<Subscription> every() {
        return jdbc.sql("select " + COLUMNS + " from platform_subscriptions()").query(Subscriptions::row).list();
    }

    /**
     * Records the day's count once.
     *
     * @return false when the day was reported already (by this node before a restart, or another)
     */
    @Transactional
    public boolean recordMeterReport(TenantId tenant, LocalDate day, long activeMeters, String identifier) {
        return jdbc.sql("""
                        insert into tenant_meter_report (tenant_id, report_day, active_meters, identifier)
                        values (?, ?, ?, ?) on conflict (tenant_id, report_day) do nothing""")
                .params(tenant.value(), day, activeMeters, identifier).update() == 1;
    }

    @Transactional
    public void forgetMeterReport(TenantId tenant, LocalDate day) {
        jdbc.sql("delete from tenant_meter_report where tenant_id = ? and report_day = ?")
                .params(tenant.value(), day).update();
    }

    private static Subscription row(ResultSet rs, int row) throws SQLException {
        return new Subscription(rs.getString("tenant_id"), rs.getString("customer_id"), rs.getString("plan"),
                rs.getString("stripe_status"), instant(rs.getTimestamp("trial_end")), rs.getString("last_invoice_id"),
                rs.getString("last_invoice_status"), (Long) rs.getObject("last_invoice_minor", Long.class),
                rs.getString("last_invoice_currency"), instant(rs.getTimestamp("last_invoice_at")),
                instant(rs.getTimestamp("grace_until")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
