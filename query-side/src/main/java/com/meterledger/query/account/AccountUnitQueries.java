package com.meterledger.query.account;

import com.meterledger.api.account.FindUnitOfAccount;
import com.meterledger.api.account.FindUnitsOfMeter;
import com.meterledger.api.registry.UnitId;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Answers where an account or a meter is installed, for other modules (a property manager's scope), from its table. */
@Component
public class AccountUnitQueries {
    private final JdbcClient jdbc;

    public AccountUnitQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<UnitId> handle(FindUnitOfAccount query) {
        return jdbc.sql("select unit_id from account_view where tenant_id = ? and account_id = ?")
                .params(query.tenantId().value(), query.accountId().value())
                .query(String.class).optional().map(UnitId::new);
    }

    @QueryHandler
    public List<UnitId> handle(FindUnitsOfMeter query) {
        return jdbc.sql("select distinct unit_id from account_view where tenant_id = ? and meter_id = ?")
                .params(query.tenantId().value(), query.meterId().value())
                .query(String.class).list().stream().map(UnitId::new).toList();
    }
}
