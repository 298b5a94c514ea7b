package com.meterledger.query.report;

import java.util.Arrays;
import java.util.List;

/** The columns of a property's period report as a table, one row per account: the same in CSV and XLSX. */
public final class PropertyPeriodTable {
    public static final List<String> HEADER = List.of("account_id", "unit_id", "unit_name", "meter_id", "currency",
            "opening_balance_minor", "credits_minor", "consumption_charges_minor", "debt_recovered_minor",
            "emergency_credit_minor", "emergency_credit_repaid_minor", "transfers_in_minor", "transfers_out_minor",
            "refunds_minor", "other_adjustments_minor", "closing_balance_minor", "charged_quantity",
            "opening_register", "closing_register", "ledger_lines", "balanced");

    private PropertyPeriodTable() {
    }

    public static List<?> row(PeriodReports.AccountPeriod a) {
        return Arrays.asList(a.accountId(), a.unitId(), a.unitName(), a.meterId(), a.currency(),
                a.openingBalanceMinor(), a.creditsMinor(), a.breakdown().consumptionMinor(),
                a.breakdown().debtRecoveredMinor(), a.breakdown().emergencyCreditMinor(),
                a.breakdown().emergencyCreditRepaidMinor(), a.breakdown().transfersInMinor(),
                a.breakdown().transfersOutMinor(), a.breakdown().refundsMinor(), a.breakdown().otherMinor(),
                a.closingBalanceMinor(), a.chargedQuantity(), a.openingRegister(), a.closingRegister(),
                a.ledgerLines(), a.balanced());
    }
}
