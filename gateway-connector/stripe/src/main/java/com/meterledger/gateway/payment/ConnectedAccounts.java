package com.meterledger.gateway.payment;

import com.meterledger.api.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * Table stripe_connected_account (V100): which Stripe account is the tenant's, and its onboarding state. Methods
 * taking the tenant run as that tenant under row-level security; {@link #tenantOf} and {@link #tenants} are the
 * narrow cross-tenant questions (SQL functions, as for checkouts).
 */
public class ConnectedAccounts {
    private final JdbcClient jdbc;

    public ConnectedAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Optional<StripeGateway.ConnectedAccount> find(TenantId tenant) {
        return jdbc.sql("""
                        select account_id, charges_enabled, payouts_enabled, details_submitted
                        from stripe_connected_account where tenant_id = ?""")
                .param(tenant.value())
                .query((rs, row) -> new StripeGateway.ConnectedAccount(rs.getString(1), rs.getBoolean(2),
                        rs.getBoolean(3), rs.getBoolean(4)))
                .optional();
    }

    /** @return the tenant's account: this one, or the one another request stored first */
    @Transactional
    public StripeGateway.ConnectedAccount save(TenantId tenant, StripeGateway.ConnectedAccount account) {
        jdbc.sql("""
                        insert into stripe_connected_account (tenant_id, account_id, charges_enabled, payouts_enabled,
                                                              details_submitted)
                        values (?, ?, ?, ?, ?) on conflict (tenant_id) do nothing""")
                .params(tenant.value(), account.id(), account.chargesEnabled(), account.payoutsEnabled(),
                        account.detailsSubmitted())
                .update();
        return find(tenant).orElseThrow();
    }

    /** Stores the state Stripe reports for the tenant's account; another account id changes nothing. */
    @Transactional
    public void update(TenantId tenant, StripeGateway.ConnectedAccount account) {
        jdbc.sql("""
                        update stripe_connected_account
                        set charges_enabled = ?, payouts_enabled = ?, details_submitted = ?, updated_at = now()
                        where tenant_id = ? and account_id = ?""")
                .params(account.chargesEnabled(), account.payoutsEnabled(), account.detailsSubmitted(),
                        tenant.value(), account.id())
                .update();
    }

    /** Which tenant connected this Stripe account; empty for one we never created. */
    public Optional<TenantId> tenantOf(String connectedAccountId) {
        if (connectedAccountId == null || connectedAccountId.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("select stripe_connected_account_tenant(?)").param(connectedAccountId)
                .query(String.class).optional().map(TenantId::new);
    }

    public List<TenantId> tenants() {
        return jdbc.sql("select stripe_connected_tenants()").query(String.class).list().stream()
                .map(TenantId::new).toList();
    }
}
