package com.meterledger.ui.staff;

import com.meterledger.api.shared.TenantId;
import com.meterledger.query.report.PeriodReports;
import com.meterledger.query.report.PropertyPeriodTable;
import com.meterledger.query.report.ReportFiles;
import com.meterledger.ui.i18n.DownloadHeaders;
import com.meterledger.ui.i18n.PageFormats;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A property's period report [from, to] in whole days of the tenant's zone (UTC for a tenant that set none), as a page
 * and as CSV or XLSX downloads, one row per
 * account (opening and closing balance and register, credits, charges and adjustments by kind).
 */
@Controller
@RequestMapping("/ui/properties/{propertyId}")
public class ReportUiController {
    private final PeriodReports reports;
    private final ReportFiles files;
    private final PageFormats formats;
    private final DownloadHeaders headers;

    public ReportUiController(PeriodReports reports, ReportFiles files, PageFormats formats, DownloadHeaders headers) {
        this.reports = reports;
        this.files = files;
        this.formats = formats;
        this.headers = headers;
    }

    @GetMapping("/report")
    @PreAuthorize(UiController.PROPERTY_READERS)
    public String report(TenantId tenant, @PathVariable String propertyId,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                         Model model) {
        ZoneId zone = formats.current().zone();
        LocalDate last = to != null ? to : LocalDate.now(zone);
        LocalDate first = from != null ? from : last.withDayOfMonth(1);
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        model.addAttribute("report", reports.property(tenant, propertyId, start(first, zone), end(last, zone)));
        return "ui/report";
    }

    @GetMapping("/report.csv")
    @PreAuthorize(UiController.PROPERTY_READERS)
    public ResponseEntity<StreamingResponseBody> csv(TenantId tenant, @PathVariable String propertyId,
                                                     @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                                     LocalDate from,
                                                     @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                                     LocalDate to) {
        ZoneId zone = formats.current().zone();
        return files.propertyCsv(tenant, propertyId, start(from, zone), end(to, zone), propertyId + "-" + from + "-" + to,
                headers.of(PropertyPeriodTable.HEADER), headers.cells());
    }

    @GetMapping("/report.xlsx")
    @PreAuthorize(UiController.PROPERTY_READERS)
    public ResponseEntity<StreamingResponseBody> xlsx(TenantId tenant, @PathVariable String propertyId,
                                                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                                      LocalDate from,
                                                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                                      LocalDate to) {
        ZoneId zone = formats.current().zone();
        return files.propertyXlsx(tenant, propertyId, start(from, zone), end(to, zone), propertyId + "-" + from + "-" + to,
                headers.of(PropertyPeriodTable.HEADER), headers.cells());
    }

    private static Instant start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The end of the last day, exclusive. */
    private static Instant end(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
