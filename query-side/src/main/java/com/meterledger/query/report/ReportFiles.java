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
import java.util.List;
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
     * The property's period report for a person: as {@link #propertyCsv}, its header in the reader's words
     * ({@code header}: {@link PropertyPeriodTable#HEADER}'s columns in order), see {@link #csv(OutputStream, List,
     * Consumer)}.
     */
    public ResponseEntity<StreamingResponseBody> propertyCsv(TenantId tenant, String propertyId, Instant from,
                                                             Instant to, String name, List<String> header) {
        Consumer<TableSink> table = propertyTable(tenant, propertyId, from, to);
        return attachment(name, "csv", CSV, output -> csv(output, header, table));
    }

    /** The property's period report [from, to) as XLSX, in a file called {@code name}.xlsx. */
    public ResponseEntity<StreamingResponseBody> propertyXlsx(TenantId tenant, String propertyId, Instant from,
                                                              Instant to, String name) {
        Consumer<TableSink> table = propertyTable(tenant, propertyId, from, to);
        return attachment(name, "xlsx", XLSX, output -> xlsx(output, "period", table));
    }

    /** The property's period report as XLSX for a person, its header in the reader's words ({@code header}). */
    public ResponseEntity<StreamingResponseBody> propertyXlsx(TenantId tenant, String propertyId, Instant from,
                                                              Instant to, String name, List<String> header) {
        Consumer<TableSink> table = propertyTable(tenant, propertyId, from, to);
        return attachment(name, "xlsx", XLSX, output -> xlsx(output, "period", sink -> table.accept(
                headedBy(header, sink))));
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
     * reader's words, resolved before streaming, where the request's language is still known). A header that is not
     * ASCII (Chinese) is preceded by a UTF-8 byte order mark: without it Excel reads a CSV in the system's code page
     * (GBK on a Chinese Windows) and shows the header garbled. An English header is written exactly as before.
     */
    public static void csv(OutputStream output, List<String> header, Consumer<TableSink> table) throws IOException {
        if (header.stream().anyMatch(cell -> !StandardCharsets.US_ASCII.newEncoder().canEncode(cell))) {
            output.write(BYTE_ORDER_MARK);
        }
        csv(output, sink -> table.accept(headedBy(header, sink)));
    }

    /** {@code sink} with its first row, the header, replaced by {@code header}. */
    public static TableSink headedBy(List<String> header, TableSink sink) {
        return new TableSink() {
            private boolean headed;

            @Override
            public void row(List<?> cells) {
                if (!headed) {
                    headed = true;
                    if (cells.size() != header.size()) {
                        throw new IllegalStateException("a header of " + header.size() + " columns for a table of "
                                + cells.size());
                    }
                    sink.row(header);
                } else {
                    sink.row(cells);
                }
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
