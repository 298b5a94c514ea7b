package com.meterledger.query.report;

import org.springframework.security.access.prepost.PreAuthorize;
import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Period reports [from, to) per account and per property, as JSON or streamed CSV. Everything that can be refused
 * (period, ids, tenant) is checked before the first byte is streamed, so a refusal is always a 4xx problem.
 */
@RestController
@RequestMapping("/api/reports")
@Tag(name = "Reports")
public class ReportController {
    private final PeriodReports reports;
    private final ReportFiles files;

    public ReportController(PeriodReports reports, ReportFiles files) {
        this.reports = reports;
        this.files = files;
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#accountId, 'account', 'manage')")
    @GetMapping("/accounts/{accountId}/period")
    @Operation(summary = "Opening and closing balance and registers, credits, charges and adjustments by kind")
    public PeriodReports.AccountPeriod account(@Parameter(hidden = true) TenantId tenant,
                                               @PathVariable String accountId,
                                               @RequestParam Instant from, @RequestParam Instant to) {
        return reports.account(tenant, accountId, from, to);
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#accountId, 'account', 'manage')")
    @GetMapping("/accounts/{accountId}/period.csv")
    @Operation(summary = "The account's ledger lines booked in the period, streamed as CSV")
    public ResponseEntity<StreamingResponseBody> accountCsv(@Parameter(hidden = true) TenantId tenant,
                                                            @PathVariable String accountId,
                                                            @RequestParam Instant from, @RequestParam Instant to) {
        PeriodReports.validate(from, to);
        reports.requireAccount(tenant, accountId);
        return ReportFiles.attachment(accountId + "-" + from + "-" + to, "csv", ReportFiles.CSV,
                output -> ReportFiles.csv(output, csv -> {
                    csv.row(List.of("sequence", "occurred_at", "kind", "amount_minor", "balance_after_minor",
                            "quantity", "read_at", "reference"));
                    reports.streamLines(tenant, accountId, from, to, line -> csv.row(Arrays.asList(line.sequence(),
                            line.occurredAt(), line.kind(), line.amountMinor(), line.balanceAfterMinor(),
                            line.quantity(), line.readAt(), line.reference())));
                }));
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#propertyId, 'property', 'manage')")
    @GetMapping("/properties/{propertyId}/period")
    @Operation(summary = "Every account of the property's units open in the period, with totals per currency")
    public PeriodReports.PropertyPeriod property(@Parameter(hidden = true) TenantId tenant,
                                                 @PathVariable String propertyId,
                                                 @RequestParam Instant from, @RequestParam Instant to) {
        return reports.property(tenant, propertyId, from, to);
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#propertyId, 'property', 'manage')")
    @GetMapping("/properties/{propertyId}/period.csv")
    @Operation(summary = "The property's period report, one row per account, streamed as CSV")
    public ResponseEntity<StreamingResponseBody> propertyCsv(@Parameter(hidden = true) TenantId tenant,
                                                             @PathVariable String propertyId,
                                                             @RequestParam Instant from, @RequestParam Instant to) {
        return files.propertyCsv(tenant, propertyId, from, to, propertyId + "-" + from + "-" + to);
    }
}
