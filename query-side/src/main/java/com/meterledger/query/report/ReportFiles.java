package com.meterledger.query.report;

import com.meterledger.api.shared.Csv;
import com.meterledger.api.shared.TenantId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Report downloads: a property's period report as a streamed CSV or XLSX attachment (for the API and the web UI
 * alike), and the attachment response every report file is sent in. Everything that can be refused (period,
 * property, tenant) is checked before the first byte is streamed, so a refusal is always a 4xx problem.
 */
@Component
public class ReportFiles {
    public static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    public static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final PeriodReports reports;

    public ReportFiles(PeriodReports reports) {
        this.reports = reports;
    }

    /** The property's period report [from, to) as CSV, in a file called {@code name}.csv. */
    public ResponseEntity<StreamingResponseBody> propertyCsv(TenantId tenant, String propertyId, Instant from,
                                                             Instant to, String name) {
        Consumer<TableSink> table = propertyTable(tenant, propertyId, from, to);
        return attachment(name, "csv", CSV, output -> csv(output, table));
    }

    /**
     * The property's period report for a person: as {@link #propertyCsv}, its header and its coded cells in the
     * reader's words ({@code header}: {@link PropertyPeriodTable#HEADER}'s columns in order; {@code cells}: a cell's
     * words by its column), see {@link #csv(OutputStream, List, BiFunction, Consumer)}.
     */
    public ResponseEntity<StreamingResponseBody> propertyCsv(TenantId tenant, String propertyId, Instant from,
                                                             Instant to, String name, List<String> header,
                                                             BiFunction<String, Object, Object> cells) {
        Consumer<TableSink> table = propertyTable(tenant, propertyId, from, to);
        return attachment(name, "csv", CSV, output -> csv(output, header, cells, table));
    }

    /** The property's period report [from, to) as XLSX, in a file called {@code name}.xlsx. */
    public ResponseEntity<StreamingResponseBody> propertyXlsx(TenantId tenant, String propertyId, Instant from,
                                                              Instant to, String name) {
        Consumer<TableSink> table = propertyTable(tenant, propertyId, from, to);
        return attachment(name, "xlsx", XLSX, output -> xlsx(output, "period", table));
    }

    /** The property's period report as XLSX for a person, its header and coded cells in the reader's words. */
    public ResponseEntity<StreamingResponseBody> propertyXlsx(TenantId tenant, String propertyId, Instant from,
                                                              Instant to, String name, List<String> header,
                                                              BiFunction<String, Object, Object> cells) {
        Consumer<TableSink> table = propertyTable(tenant, propertyId, from, to);
        return attachment(name, "xlsx", XLSX, output -> xlsx(output, "period", sink -> table.accept(
                forReader(header, cells, sink))));
    }

    /** Writes a table as a one-sheet XLSX. */
    public static void xlsx(OutputStream output, String sheetName, Consumer<TableSink> table) {
        try (Xlsx sheet = new Xlsx(sheetName)) {
            table.accept(sheet);
            sheet.writeTo(output);
        }
    }

    /** Writes a table as UTF-8 CSV. */
    public static void csv(OutputStream output, Consumer<TableSink> table) throws IOException {
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 16 * 1024);
        table.accept(new Csv(writer)::row);
        writer.flush();
    }

    /**
     * Writes a table for a person as UTF-8 CSV, its header row replaced by {@code header} (the same columns in the
     * reader's words, resolved before streaming, where the request's language is still known) and each coded cell
     * (a totals row's label, a yes or no) by {@code cells}' words for it. A header that is not ASCII (Chinese) is
     * preceded by a UTF-8 byte order mark: without it Excel reads a CSV in the system's code page (GBK on a Chinese
     * Windows) and shows the header garbled. An English file is written exactly as before.
     */
    public static void csv(OutputStream output, List<String> header, BiFunction<String, Object, Object> cells,
                           Consumer<TableSink> table) throws IOException {
        if (header.stream().anyMatch(cell -> !StandardCharsets.US_ASCII.newEncoder().canEncode(cell))) {
            output.write(BYTE_ORDER_MARK);
        }
        csv(output, sink -> table.accept(forReader(header, cells, sink)));
    }

    /**
     * {@code sink} for a person: the first row, the columns' stable names, replaced by {@code header}; each later
     * cell replaced by what {@code cells} says of it under its column's stable name (the cell itself when it is no
     * code).
     */
    public static TableSink forReader(List<String> header, BiFunction<String, Object, Object> cells, TableSink sink) {
        return new TableSink() {
            private List<?> columns;

            @Override
            public void row(List<?> row) {
                if (columns == null) {
                    if (row.size() != header.size()) {
                        throw new IllegalStateException("a header of " + header.size() + " columns for a table of "
                                + row.size());
                    }
                    columns = List.copyOf(row);
                    sink.row(header);
                    return;
                }
                List<Object> said = new ArrayList<>(row.size());
                for (int i = 0; i < row.size(); i++) {
                    said.add(cells.apply(String.valueOf(columns.get(i)), row.get(i)));
                }
                sink.row(said);
            }
        };
    }

    /** A file's name: {@code name} with anything but letters, digits, dot, dash and underscore made an underscore. */
    public static String fileName(String name, String extension) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_") + "." + extension;
    }

    static ResponseEntity<StreamingResponseBody> attachment(String name, String extension, MediaType type,
                                                            StreamingResponseBody body) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName(name, extension) + "\"")
                .body(body);
    }

    /** Checks the request now and returns the header and one row per account, written when streamed. */
    private Consumer<TableSink> propertyTable(TenantId tenant, String propertyId, Instant from, Instant to) {
        PeriodReports.validate(from, to);
        reports.requireProperty(tenant, propertyId);
        return sink -> {
            sink.row(PropertyPeriodTable.HEADER);
            reports.streamProperty(tenant, propertyId, from, to, account -> sink.row(PropertyPeriodTable.row(account)));
        };
    }
}
