package com.meterledger.query.export;

import com.meterledger.api.shared.TenantId;
import com.meterledger.query.report.ReportFiles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.net.URI;
import java.time.Instant;

/**
 * XLSX beside the CSV of a property's period report (streamed as it is read), and export jobs with progress for
 * large exports. Jobs belong to their tenant: another tenant's job id answers 404 like an unknown one.
 */
@RestController
@Tag(name = "Exports")
public class ExportController {
    private final ReportFiles files;
    private final ExportJobs jobs;

    public ExportController(ReportFiles files, ExportJobs jobs) {
        this.files = files;
        this.jobs = jobs;
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#propertyId, 'property', 'manage')")
    @GetMapping("/api/reports/properties/{propertyId}/period.xlsx")
    @Operation(summary = "The property's period report, one row per account, streamed as XLSX")
    public ResponseEntity<StreamingResponseBody> propertyXlsx(@Parameter(hidden = true) TenantId tenant,
                                                              @PathVariable String propertyId,
                                                              @RequestParam Instant from, @RequestParam Instant to) {
        return files.propertyXlsx(tenant, propertyId, from, to, propertyId + "-" + from + "-" + to);
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR')")
    @PostMapping("/api/exports")
    @Operation(summary = "Start an export job (property-period, tenant-period or head-office; XLSX or CSV): 202 "
            + "with its status; poll it, then fetch the file")
    public ResponseEntity<ExportStatus> start(@Parameter(hidden = true) TenantId tenant,
                                              @RequestBody ExportRequest request) {
        ExportStatus status = jobs.start(tenant, request);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/exports/" + status.jobId()))
                .body(status);
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR')")
    @GetMapping("/api/exports/{exportId}")
    @Operation(summary = "An export job's status: percent, rows done, rows per second, seconds left")
    public ExportStatus status(@Parameter(hidden = true) TenantId tenant, @PathVariable String exportId) {
        return jobs.status(tenant, exportId);
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR')")
    @GetMapping("/api/exports/{exportId}/file")
    @Operation(summary = "A finished export's file (404 until it is done)")
    public ResponseEntity<byte[]> file(@Parameter(hidden = true) TenantId tenant, @PathVariable String exportId) {
        ExportJobStore.File file = jobs.file(tenant, exportId);
        return ResponseEntity.ok().contentType("XLSX".equals(file.format()) ? ReportFiles.XLSX : ReportFiles.CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file.name() + "\"")
                .body(file.content());
    }
}
