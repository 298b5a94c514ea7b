package com.meterledger.api.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted and their quotes doubled; lines end with CRLF. Text
 * that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is prefixed with an apostrophe
 * (OWASP CSV injection); numbers are written as they are. One writer for every download a person opens in a
 * spreadsheet (reports, exports, the Stripe reconciliation), so the escaping rule exists once.
 */
public final class Csv {
    private final Writer out;

    public Csv(Writer out) {
        this.out = out;
    }

    public void row(List<?> cells) {
        try {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(cells.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
