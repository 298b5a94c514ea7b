package com.meterledger.gateway.notification;

import com.meterledger.api.tenant.FindTenantExportParts;
import com.meterledger.api.tenant.TenantExportPart;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * The occupants' contacts as part of their own tenant's export ({@code occupant-contacts.csv}): personal data, given
 * to the tenant that holds it and to no other. A webhook address is left out: it may carry the receiver's secret.
 */
@Component
public class ContactExportPart {
    private final JdbcClient jdbc;

    public ContactExportPart(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public TenantExportPart handle(FindTenantExportParts query) {
        String tenant = query.tenantId().value();
        return new TenantExportPart(FindTenantExportParts.NOTIFICATIONS, List.of(
                table("occupant-contacts.csv", List.of("account_id", "name", "email", "phone", "channels",
                        "updated_at"), """
                        select account_id, name, email, phone, channels, updated_at
                        from occupant_contact where tenant_id = ? order by account_id""", tenant)));
    }

    private TenantExportPart.Table table(String file, List<String> header, String sql, String tenant) {
        List<List<String>> rows = jdbc.sql(sql).param(tenant)
                .query((rs, row) -> TenantExportPart.Table.cells(rs, header.size())).list();
        return new TenantExportPart.Table(file, header, rows);
    }
}
