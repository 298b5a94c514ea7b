package com.meterledger.app.tenancy;

import com.meterledger.edge.tenancy.TenantContext;
import com.meterledger.edge.tenancy.TenantSession;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Every transaction begins as the tenant its work runs for ({@link TenantContext#current()}), set through
 * {@link TenantSession#begin}, so row-level security shows and accepts that tenant's rows only. No tenant known:
 * nothing is set and tenant tables look empty (fail closed).
 */
public class TenantTransactionManager extends JdbcTransactionManager {

    public TenantTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        Optional<String> tenant = TenantContext.current();
        if (tenant.isPresent()) {
            TenantSession.begin(connection, tenant.get());
        }
    }
}
