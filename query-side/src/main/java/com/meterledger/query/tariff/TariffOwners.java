package com.meterledger.query.tariff;

import com.meterledger.api.tariff.FindTariffOwner;
import com.meterledger.api.tariff.TariffOwner;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Answers whose a tariff is (shared, or one account's own and in which property), for the tariff endpoints of other
 * modules that must keep a property manager to their properties, from the tariff read model: the owning account (V266)
 * and its property (V269), the same row the tariff list and the search box scope by.
 */
@Component
public class TariffOwners {
    private final JdbcClient jdbc;

    public TariffOwners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<TariffOwner> handle(FindTariffOwner query) {
        return jdbc.sql("""
                        select t.account_id, t.property_id from tariff_view t
                        where t.tenant_id = ? and t.tariff_id = ?""")
                .params(query.tenantId().value(), query.tariffId().value())
                .query((rs, row) -> new TariffOwner(query.tariffId(), rs.getString(1), rs.getString(2)))
                .optional();
    }
}
