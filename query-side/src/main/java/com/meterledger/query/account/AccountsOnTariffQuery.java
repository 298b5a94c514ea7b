package com.meterledger.query.account;

import com.meterledger.api.account.FindAccountsOnTariff;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/** Answers core's question which of a tenant's open accounts a tariff prices (for a tariff dry run). */
@Component
public class AccountsOnTariffQuery {
    private final JdbcClient jdbc;

    public AccountsOnTariffQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public List<String> handle(FindAccountsOnTariff query) {
        return jdbc.sql("""
                        select account_id from account_view
                        where tenant_id = ? and tariff_id = ? and closed_at is null order by account_id""")
                .params(query.tenantId().value(), query.tariffId().value())
                .query(String.class).list();
    }
}
