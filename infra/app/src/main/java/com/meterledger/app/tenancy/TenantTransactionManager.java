package com.meterledger.app.tenancy;

import com.meterledger.edge.tenancy.TenantContext;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Every transaction starts with the current tenant ({@link TenantContext}) set transaction-locally, so row-level
 * security shows and accepts that tenant's rows only. {@code is_local = true}: the setting ends with the transaction
 * and never leaks to the next borrower of the pooled connection. No tenant known: nothing is set and tenant tables
 * look empty (fail closed).
 */
public class TenantTransactionManager extends JdbcTransactionManager {
    public static final String SET_TENANT = "select set_config('app.tenant_id', ?, true)";

    public TenantTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        Optional<String> tenant = TenantContext.current();
        if (tenant.isPresent()) {
            try (PreparedStatement statement = connection.prepareStatement(SET_TENANT)) {
                statement.setString(1, tenant.get());
                statement.execute();
            }
        }
    }
}
