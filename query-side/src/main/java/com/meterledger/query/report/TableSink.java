package com.meterledger.query.report;

import java.util.List;

/** Where report rows go, one row of cells at a time: CSV, a spreadsheet, a counter. */
@FunctionalInterface
public interface TableSink {
    void row(List<?> cells);
}
