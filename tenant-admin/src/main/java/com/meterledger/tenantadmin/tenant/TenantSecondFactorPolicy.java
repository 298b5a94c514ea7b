package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.SecondFactorPolicy;
import com.meterledger.api.tenant.SecondFactorPolicyChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;

/**
 * Table {@code tenant_second_factor_policy}: whether a tenant requires a second factor of its administrators and
 * finance staff, written in the transaction that stores the tenant's event (the tenant directory's subscribing
 * processor), so the next sign-in after a change already obeys it.
 */
@Component
@ProcessingGroup(TenantDirectory.PROCESSING_GROUP)
public class TenantSecondFactorPolicy {
    private final JdbcClient jdbc;

    public TenantSecondFactorPolicy(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SecondFactorPolicyChanged event) {
        jdbc.sql("""
                        insert into tenant_second_factor_policy (tenant_id, required_for_admin_and_finance, changed_at)
                        values (?, ?, ?)
                        on conflict (tenant_id) do update set
                            required_for_admin_and_finance = excluded.required_for_admin_and_finance,
                            changed_at = excluded.changed_at""")
                .params(event.tenantId().value(), event.policy().requiredForAdministratorsAndFinance(),
                        Timestamp.from(event.at()))
                .update();
    }

    /**
     * The tenant's policy, the standard one while it never chose. Bound to the asked tenant (sign-in asks before
     * anyone is signed in).
     */
    @Transactional(readOnly = true)
    public SecondFactorPolicy policyOf(TenantId tenant) {
        return jdbc.sql("select required_for_admin_and_finance from tenant_second_factor_policy where tenant_id = ?")
                .param(tenant.value()).query(Boolean.class).optional()
                .map(SecondFactorPolicy::new).orElseGet(SecondFactorPolicy::standard);
    }

    /** Whether the tenant is data (signed up here): only such a tenant has a policy to change. */
    @Transactional(readOnly = true)
    public boolean tenantIsData(TenantId tenant) {
        return jdbc.sql("select count(*) from tenant where tenant_id = ?").param(tenant.value())
                .query(Long.class).single() > 0;
    }
}
