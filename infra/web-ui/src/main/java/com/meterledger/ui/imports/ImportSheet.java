package com.meterledger.ui.imports;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An uploaded file as rows of text cells, the header first: CSV (RFC 4180, UTF-8, with or without a byte-order mark)
 * or the first sheet of an XLSX workbook. A cell holding a formula is read as its formula text with a leading
 * {@code =}, never its cached value, so that {@link CellRule} refuses it like a typed one; numbers are read exactly as
 * plain decimals, dates as ISO local date-times. Anything that is neither format is a {@link Unreadable} file.
 */
public final class ImportSheet {
    /** Above this, a file is refused before it is read: 20,000 rows of 15 short columns fit in about 3 MB of CSV. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    public static final int MAX_ROWS = 20_000;

    private ImportSheet() {
    }

    public static final class Unreadable extends RuntimeException {
        public Unreadable(String message) {
            super(message);
        }
    }

    /** The rows, header first; trailing empty rows are dropped. */
    public static List<List<String>> read(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new Unreadable("the file is larger than " + MAX_BYTES / 1024 / 1024 + " MB");
        }
        List<List<String>> rows = isZip(bytes) ? xlsx(bytes) : csv(bytes);
        while (!rows.isEmpty() && rows.getLast().stream().allMatch(String::isEmpty)) {
            rows.removeLast();
        }
        if (rows.size() > MAX_ROWS + 1) {
            throw new Unreadable("the file has more than " + MAX_ROWS + " rows");
        }
        return rows;
    }

    private static boolean isZip(byte[] bytes) {
        return bytes.length > 3 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    static List<List<String>> xlsx(byte[] bytes) {
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            if (book.getNumberOfSheets() == 0) {
                return new ArrayList<>();
            }
            Sheet sheet = book.getSheetAt(0);
            List<List<String>> rows = new ArrayList<>();
            int width = 0;
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (r == 0 && row != null) {
                    width = Math.max(0, row.getLastCellNum());
                }
                List<String> cells = new ArrayList<>();
                int last = row == null ? 0 : Math.max(width, row.getLastCellNum());
                for (int c = 0; c < last; c++) {
                    cells.add(text(row.getCell(c)));
                }
                rows.add(cells);
                if (rows.size() > MAX_ROWS + 1) {
                    break;
                }
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("not a readable XLSX workbook");
        }
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        return switch (cell.getCellType()) {
            case FORMULA -> "=" + cell.getCellFormula();
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? cell.getLocalDateTimeCellValue().toString()
                    : new BigDecimal(Double.toString(cell.getNumericCellValue())).stripTrailingZeros().toPlainString();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            case STRING -> cell.getStringCellValue().strip();
            case BLANK, ERROR, _NONE -> cell.getCellType() == CellType.ERROR ? "#ERROR" : "";
        };
    }

    static List<List<String>> csv(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable("not UTF-8 text: save the sheet as CSV UTF-8 or XLSX");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString().strip());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString().strip());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                if (rows.size() > MAX_ROWS + 1) {
                    return rows;
                }
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new Unreadable("a quoted cell is not closed");
        }
        if (!cell.isEmpty() || !row.isEmpty()) {
            row.add(cell.toString().strip());
            rows.add(row);
        }
        return rows;
    }
}
