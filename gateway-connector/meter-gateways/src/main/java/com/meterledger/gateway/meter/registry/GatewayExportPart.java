package com.meterledger.gateway.meter.registry;

import com.meterledger.api.tenant.FindTenantExportParts;
import com.meterledger.api.tenant.TenantExportPart;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * The gateways' part of a tenant's export ({@code gateways.csv}, {@code gateway-meters.csv}): the registry as the
 * tenant sees it, WITHOUT the secret's salt and hash (a credential, even hashed, never leaves the platform).
 */
@Component
public class GatewayExportPart {
    private final JdbcClient jdbc;

    public GatewayExportPart(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public TenantExportPart handle(FindTenantExportParts query) {
        String tenant = query.tenantId().value();
        return new TenantExportPart(FindTenantExportParts.METER_GATEWAYS, List.of(
                table("gateways.csv", List.of("gateway_id", "property_id", "name", "created_at", "secret_rotated_at",
                        "last_seen_at", "firmware"), """
                        select gateway_id, property_id, name, created_at, secret_rotated_at, last_seen_at, firmware
                        from meter_gateway where tenant_id = ? order by gateway_id""", tenant),
                table("gateway-meters.csv", List.of("meter_id", "gateway_id", "address", "attached_at"), """
                        select meter_id, gateway_id, address, attached_at
                        from meter_gateway_meter where tenant_id = ? order by meter_id""", tenant)));
    }

    private TenantExportPart.Table table(String file, List<String> header, String sql, String tenant) {
        List<List<String>> rows = jdbc.sql(sql).param(tenant)
                .query((rs, row) -> TenantExportPart.Table.cells(rs, header.size())).list();
        return new TenantExportPart.Table(file, header, rows);
    }
}
