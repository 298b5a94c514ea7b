package com.meterledger.ui.imports;

import java.util.List;

/**
 * What an import would do, row by row, before anything is stored: for each row its steps (a unit, meter, account,
 * opening balance or contact to create, or already there and unchanged) or every error with its row and column.
 * Rows are numbered as the spreadsheet shows them (the header is row 1).
 */
public record ImportPlan(String fileSha256, List<ImportError> fileErrors, List<RowPlan> rows) {
    /**
     * One refused cell (or the whole row when {@code column} is null), with the rule that refused it: its
     * {@code message} as the rule writes it in English (the API's answer), its {@code figures} (the ids and limits the
     * message names) for the rule's text in the reader's language ({@code problem.rule.<rule>}).
     */
    public record ImportError(int row, String column, String rule, String message, List<Object> figures) {
        public ImportError {
            figures = List.copyOf(figures);
        }

        /** A refusal that names no figure. */
        public ImportError(int row, String column, String rule, String message) {
            this(row, column, rule, message, List.of());
        }
    }

    public enum Step {
        CREATE_UNIT, UNIT_UNCHANGED, CREATE_METER, METER_UNCHANGED, OPEN_ACCOUNT, ACCOUNT_UNCHANGED,
        CREDIT_OPENING_BALANCE, SET_CONTACT, CONTACT_UNCHANGED
    }

    public record RowPlan(int row, ImportRow values, List<Step> steps, List<ImportError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }

        /** Nothing to create or change: a second run of the same file. */
        public boolean unchanged() {
            return valid() && steps.stream().allMatch(step -> step.name().endsWith("_UNCHANGED"));
        }
    }

    public boolean readable() {
        return fileErrors.isEmpty();
    }

    public long validRows() {
        return rows.stream().filter(RowPlan::valid).count();
    }

    public long refusedRows() {
        return rows.size() - validRows();
    }

    public List<ImportError> errors() {
        return java.util.stream.Stream.concat(fileErrors.stream(),
                rows.stream().flatMap(row -> row.errors().stream())).toList();
    }
}
