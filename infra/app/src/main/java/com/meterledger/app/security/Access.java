package com.meterledger.app.security;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * The property scope of a property manager, for {@code @PreAuthorize("... or @access.managesX(#id)")} rules. Each
 * check answers true only for a {@link Roles#PROPERTY_MANAGER} whose token lists the property the thing belongs to.
 * Lookups run under the caller's tenant (row-level security), so an id of another tenant is simply unknown: the
 * answer is the same "no" as for an id that does not exist, and reveals nothing.
 */
@Component("access")
public class Access {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public Access(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public boolean managesProperty(String propertyId) {
        return propertyId != null && isManager() && Caller.properties().contains(propertyId);
    }

    /** For result filters: every reader role sees all properties, a manager only theirs. */
    public boolean seesProperty(String propertyId) {
        return !isManager() || Caller.properties().contains(propertyId);
    }

    public boolean managesUnit(String unitId) {
        return isManager() && unitId != null && anyManaged("select property_id from unit where unit_id = ?", unitId);
    }

    public boolean managesAccount(String accountId) {
        return isManager() && accountId != null && anyManaged("""
                select u.property_id from account_view a
                join unit u on u.tenant_id = a.tenant_id and u.unit_id = a.unit_id
                where a.account_id = ?""", accountId);
    }

    public boolean managesMeter(String meterId) {
        return isManager() && meterId != null && anyManaged("""
                select u.property_id from account_view a
                join unit u on u.tenant_id = a.tenant_id and u.unit_id = a.unit_id
                where a.meter_id = ?""", meterId);
    }

    private boolean anyManaged(String sql, String id) {
        List<String> properties = readOnly.execute(status -> jdbc.queryForList(sql, String.class, id));
        return properties != null && !properties.isEmpty() && Caller.properties().containsAll(properties);
    }

    private static boolean isManager() {
        return Caller.hasRole(Roles.PROPERTY_MANAGER) && Caller.current()
                .map(jwt -> jwt.getToken().getClaimAsString(Caller.TENANT_CLAIM)).filter(t -> !t.isBlank()).isPresent();
    }
}
