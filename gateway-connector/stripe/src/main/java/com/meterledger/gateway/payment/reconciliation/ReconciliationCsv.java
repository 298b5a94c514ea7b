package com.meterledger.gateway.payment.reconciliation;

import com.meterledger.api.shared.Csv;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The reconciliation export, one row per line: the same download from the API and from the web UI. */
public final class ReconciliationCsv {
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private ReconciliationCsv() {
    }

    /** The columns, stable for programs (the API's download); a person's download names them in their words. */
    public static final List<String> HEADER = List.of("date", "run_id", "connected_account", "kind", "outcome",
            "stripe_id", "payment_id", "account_id", "expected_minor", "actual_minor", "expected_fee_minor",
            "actual_fee_minor", "expected_currency", "actual_currency", "reason", "payment_method");

    public static ResponseEntity<String> download(ReconciliationReport report) {
        return download(report, HEADER, (column, cell) -> cell, ReconciliationReport.Line::reason);
    }

    /**
     * The download with {@code header} (the {@link #HEADER} columns in a reader's words) and the coded cells (kind,
     * outcome, payment method) in the words {@code cells} gives for them under their column's stable name, and each
     * line's reason in the words {@code reasons} gives (its English as stored, or {@link ReconciliationReasons} worded
     * in the reader's language). A header that is not ASCII (Chinese) is preceded by a byte order mark, without which
     * Excel reads the file in the system's code page.
     */
    public static ResponseEntity<String> download(ReconciliationReport report, List<String> header,
                                                  BiFunction<String, Object, Object> cells,
                                                  Function<ReconciliationReport.Line, String> reasons) {
        if (header.size() != HEADER.size()) {
            throw new IllegalArgumentException("a header of " + header.size() + " columns for " + HEADER.size());
        }
        StringWriter out = new StringWriter();
        if (header.stream().anyMatch(cell -> !StandardCharsets.US_ASCII.newEncoder().canEncode(cell))) {
            out.write('\uFEFF');
        }
        Csv csv = new Csv(out);
        csv.row(header);
        for (ReconciliationReport.Line line : report.lines()) {
            csv.row(Arrays.asList(report.date(), report.runId(), line.connectedAccountId(),
                    cells.apply("kind", line.kind()), cells.apply("outcome", line.outcome()), line.stripeId(),
                    line.paymentId(), line.accountId(), line.expectedMinor(), line.actualMinor(),
                    line.expectedFeeMinor(), line.actualFeeMinor(), line.expectedCurrency(), line.actualCurrency(),
                    reasons.apply(line), cells.apply("payment_method", line.paymentMethod())));
        }
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"reconciliation-" + report.date() + ".csv\"")
                .body(out.toString());
    }
}
