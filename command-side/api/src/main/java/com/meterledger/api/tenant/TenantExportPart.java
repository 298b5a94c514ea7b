package com.meterledger.api.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * One module's part of a tenant's export: CSV tables by file name, never a secret. {@code part} names the module that
 * answers (one of {@link FindTenantExportParts#PARTS}), so the export can tell which part did not answer.
 */
public record TenantExportPart(String part, List<Table> tables) {
    public TenantExportPart {
        if (part == null || !FindTenantExportParts.PARTS.contains(part)) {
            throw new IllegalArgumentException("an export part is one of " + FindTenantExportParts.PARTS);
        }
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    /** A CSV file: its name, its header and its rows (cells as text, null for none). */
    public record Table(String file, List<String> header, List<List<String>> rows) {
        public Table {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }

        /**
         * One row of a module's SQL answer as cells, the columns in header order: timestamps as ISO-8601 instants (the
         * zone-free form an importer reads back), null as none, anything else as its text. The one rule every part
         * writes its cells by, so the files of one export agree.
         */
        public static List<String> cells(ResultSet row, int columns) throws SQLException {
            List<String> cells = new ArrayList<>(columns);
            for (int i = 1; i <= columns; i++) {
                Object value = row.getObject(i);
                cells.add(value instanceof Timestamp t ? t.toInstant().toString() : value == null ? null : value.toString());
            }
            return cells;
        }
    }
}
