package com.meterledger.query.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A one-sheet XLSX written row by row with POI's streaming workbook: only the last {@link #WINDOW} rows are in
 * memory, the rest goes to a temporary file that {@link #close()} deletes. Whole numbers (minor units, counts) are
 * numeric cells; decimals too; everything else is text (never a formula, so a cell cannot run anything).
 */
public final class Xlsx implements TableSink, AutoCloseable {
    static final int WINDOW = 200;

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
    private final SXSSFSheet sheet;
    private int rows;

    public Xlsx(String sheetName) {
        sheet = workbook.createSheet(sheetName);
    }

    @Override
    public void row(List<?> cells) {
        Row row = sheet.createRow(rows++);
        for (int i = 0; i < cells.size(); i++) {
            Object value = cells.get(i);
            if (value == null) {
                continue;
            }
            Cell cell = row.createCell(i);
            switch (value) {
                case Long n -> cell.setCellValue(n);
                case Integer n -> cell.setCellValue(n);
                // a spreadsheet number is a binary double by the file format; money columns are minor units
                // (Long, exact) and quantities carry 3 decimals, which show exactly
                case BigDecimal d -> cell.setCellValue(d.doubleValue());
                case Boolean b -> cell.setCellValue(b);
                case Instant t -> cell.setCellValue(t.toString());
                default -> cell.setCellValue(value.toString());
            }
        }
    }

    /** Writes the workbook; call once, after the last row. */
    public void writeTo(OutputStream out) {
        try {
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            workbook.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workbook.dispose();
        }
    }
}
