package com.meterledger.query.meter;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.supply.FindSupplyToReconcile;
import com.meterledger.api.supply.SupplyToReconcile;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;

/**
 * Answers the supply reconciler's question across tenants through the one database function made for it
 * ({@code supply_reconciliation_candidates}, V140, V278): ids only, from meter_view and account_view, without the
 * meters whose back-off lasts beyond the pass's moment.
 */
@Component
public class SupplyReconciliationQuery {
    private final JdbcClient jdbc;

    public SupplyReconciliationQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public List<SupplyToReconcile> handle(FindSupplyToReconcile query) {
        SupplyToReconcile after = query.after();
        return jdbc.sql("select tenant_id, meter_id from supply_reconciliation_candidates(?, ?, ?, ?)")
                .params(after == null ? null : after.tenantId().value(), after == null ? null : after.meterId().value(),
                        query.limit(), Timestamp.from(query.at()))
                .query((rs, row) -> new SupplyToReconcile(new TenantId(rs.getString(1)), new MeterId(rs.getString(2))))
                .list();
    }
}
