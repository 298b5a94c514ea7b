package com.meterledger.app.ui;

import com.meterledger.api.shared.TenantId;
import com.meterledger.query.export.Xlsx;
import com.meterledger.query.report.Csv;
import com.meterledger.query.report.PeriodReports;
import com.meterledger.query.report.PropertyPeriodTable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A property's period report [from, to] in whole UTC days, as a page and as CSV or XLSX downloads, one row per
 * account (opening and closing balance and register, credits, charges and adjustments by kind).
 */
@Controller
@RequestMapping("/ui/properties/{propertyId}")
public class ReportUiController {
    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private final PeriodReports reports;

    public ReportUiController(PeriodReports reports) {
        this.reports = reports;
    }

    @GetMapping("/report")
    @PreAuthorize(UiController.PROPERTY_READERS)
    public String report(TenantId tenant, @PathVariable String propertyId,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                         Model model) {
        LocalDate last = to != null ? to : LocalDate.now(ZoneOffset.UTC);
        LocalDate first = from != null ? from : last.withDayOfMonth(1);
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        model.addAttribute("report", reports.property(tenant, propertyId, start(first), end(last)));
        return "ui/report";
    }

    @GetMapping("/report.csv")
    @PreAuthorize(UiController.PROPERTY_READERS)
    public ResponseEntity<StreamingResponseBody> csv(TenantId tenant, @PathVariable String propertyId,
                                                     @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                                     LocalDate from,
                                                     @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                                     LocalDate to) {
        Instant start = start(from);
        Instant end = end(to);
        PeriodReports.validate(start, end);
        reports.requireProperty(tenant, propertyId);
        return download(propertyId, from, to, "csv", new MediaType("text", "csv", StandardCharsets.UTF_8), output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            Csv csv = new Csv(writer);
            csv.row(PropertyPeriodTable.HEADER);
            reports.streamProperty(tenant, propertyId, start, end,
                    account -> csv.row(PropertyPeriodTable.row(account)));
            writer.flush();
        });
    }

    @GetMapping("/report.xlsx")
    @PreAuthorize(UiController.PROPERTY_READERS)
    public ResponseEntity<StreamingResponseBody> xlsx(TenantId tenant, @PathVariable String propertyId,
                                                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                                      LocalDate from,
                                                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                                      LocalDate to) {
        Instant start = start(from);
        Instant end = end(to);
        PeriodReports.validate(start, end);
        reports.requireProperty(tenant, propertyId);
        return download(propertyId, from, to, "xlsx", XLSX, output -> {
            try (Xlsx sheet = new Xlsx("Period report")) {
                sheet.row(PropertyPeriodTable.HEADER);
                reports.streamProperty(tenant, propertyId, start, end,
                        account -> sheet.row(PropertyPeriodTable.row(account)));
                sheet.writeTo(output);
            }
        });
    }

    private static ResponseEntity<StreamingResponseBody> download(String propertyId, LocalDate from, LocalDate to,
                                                                  String extension, MediaType type,
                                                                  StreamingResponseBody body) {
        String file = (propertyId + "-" + from + "-" + to).replaceAll("[^A-Za-z0-9._-]", "_") + "." + extension;
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .body(body);
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The end of the last day, exclusive. */
    private static Instant end(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
