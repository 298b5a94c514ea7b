package com.meterledger.query.export;

import com.meterledger.query.dashboard.HeadOfficeRollup;
import com.meterledger.query.report.TableSink;

import java.util.List;

/** The head-office roll-up as a table: a row per property and currency, then the tenant's totals per currency. */
public final class HeadOfficeTable {
    /** The totals rows' label in the property column: a code for programs, a person's download words it. */
    public static final String TOTAL = "TOTAL";
    public static final List<String> HEADER = List.of("property_id", "property_name", "currency", "accounts",
            "opening_balance_minor", "credits_minor", "charges_minor", "adjustments_minor", "closing_balance_minor",
            "arrears_minor");

    private HeadOfficeTable() {
    }

    /** The month's head-office report as the export job writes it: a header row, then the rows (the UI's download). */
    public static void table(HeadOfficeRollup rollup, TableSink sink) {
        sink.row(HEADER);
        rows(rollup, sink);
    }

    static void rows(HeadOfficeRollup rollup, TableSink sink) {
        for (HeadOfficeRollup.PropertyTotals property : rollup.properties()) {
            property.totals().forEach(t -> sink.row(row(property.propertyId(), property.propertyName(), t)));
        }
        rollup.totals().forEach(t -> sink.row(row(TOTAL, null, t)));
    }

    private static List<?> row(String propertyId, String name, HeadOfficeRollup.Totals t) {
        return java.util.Arrays.asList(propertyId, name, t.currency(), t.accounts(), t.openingBalanceMinor(),
                t.creditsMinor(), t.chargesMinor(), t.adjustmentsMinor(), t.closingBalanceMinor(), t.arrearsMinor());
    }
}
