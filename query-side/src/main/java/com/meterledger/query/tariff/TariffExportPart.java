package com.meterledger.query.tariff;

import com.meterledger.api.tenant.FindTenantExportParts;
import com.meterledger.api.tenant.TenantExportPart;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * The tariffs' part of a tenant's export ({@code tariffs.csv}), read from tariff-projection's tables for
 * {@link FindTenantExportParts}: one row per published version, with its schedule as JSON (the API's shape, a
 * {@code "kind"} naming the variant, prices in minor units), so a tenant leaving takes every price it ever charged
 * with; a draft tariff (no version yet) is one row with empty version cells, so that no tariff goes missing.
 */
@Component
public class TariffExportPart {
    static final String FILE = "tariffs.csv";
    static final List<String> HEADER = List.of("tariff_id", "name", "utility", "currency", "zone", "state",
            "created_at", "version_number", "effective_from", "kind", "standing_charge_per_day", "schedule",
            "published_at");

    private final JdbcClient jdbc;

    public TariffExportPart(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public TenantExportPart handle(FindTenantExportParts query) {
        List<List<String>> rows = jdbc.sql("""
                        select t.tariff_id, t.name, t.utility, t.currency, t.zone, t.state, t.created_at,
                            v.version_number, v.effective_from, v.kind, cast(v.standing_charge_per_day as text),
                            cast(v.schedule as text), v.published_at
                        from tariff_view t
                        left join tariff_version_view v on v.tenant_id = t.tenant_id and v.tariff_id = t.tariff_id
                        where t.tenant_id = ?
                        order by t.tariff_id, v.version_number""")
                .param(query.tenantId().value())
                .query((rs, row) -> TenantExportPart.Table.cells(rs, HEADER.size())).list();
        return new TenantExportPart(FindTenantExportParts.TARIFFS,
                List.of(new TenantExportPart.Table(FILE, HEADER, rows)));
    }
}
