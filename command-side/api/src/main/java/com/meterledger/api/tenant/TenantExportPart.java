package com.meterledger.api.tenant;

import java.util.List;

/** One module's part of a tenant's export: CSV tables by file name, never a secret. */
public record TenantExportPart(List<Table> tables) {
    public TenantExportPart {
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    /** A CSV file: its name, its header and its rows (cells as text, null for none). */
    public record Table(String file, List<String> header, List<List<String>> rows) {
        public Table {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }
    }
}
