package com.meterledger.tenantadmin.registry;

import com.meterledger.api.tenant.FindTenantExportParts;
import com.meterledger.api.tenant.TenantExportPart;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * The registry's part of a tenant's export ({@code properties.csv}, {@code units.csv}), read from tenant-admin's own
 * tables for {@link FindTenantExportParts}.
 */
@Component
public class RegistryExportPart {
    private final JdbcClient jdbc;

    public RegistryExportPart(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public TenantExportPart handle(FindTenantExportParts query) {
        String tenant = query.tenantId().value();
        return new TenantExportPart(FindTenantExportParts.REGISTRY, List.of(
                table("properties.csv", List.of("property_id", "name", "address", "created_at"), """
                        select property_id, name, address, created_at
                        from property where tenant_id = ? order by property_id""", tenant),
                table("units.csv", List.of("unit_id", "property_id", "name", "created_at"), """
                        select unit_id, property_id, name, created_at
                        from unit where tenant_id = ? order by unit_id""", tenant)));
    }

    private TenantExportPart.Table table(String file, List<String> header, String sql, String tenant) {
        List<List<String>> rows = jdbc.sql(sql).param(tenant)
                .query((rs, row) -> TenantExportPart.Table.cells(rs, header.size())).list();
        return new TenantExportPart.Table(file, header, rows);
    }
}
