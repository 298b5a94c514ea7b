package com.meterledger.query.export;

import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * Leaving with one's data: a tenant administrator exports everything of the tenant (events, read models, a manifest
 * with checksums) as one zip, made by an export job with progress. A job id that is not one ({@code exp-} and a UUID)
 * is a 400 problem naming {@code jobId}; another tenant's job, or an export job of another kind, is 404 like an
 * unknown one.
 */
@RestController
@Tag(name = "Exports")
public class TenantExportController {
    public static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    private final ExportJobs jobs;

    public TenantExportController(ExportJobs jobs) {
        this.jobs = jobs;
    }

    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @PostMapping("/api/tenant/export")
    @Operation(summary = "Export everything of the tenant (events as JSON Lines, read models as CSV, a manifest with "
            + "SHA-256 checksums) as one zip: 202 with the job's status; poll it, then download")
    public ResponseEntity<ExportStatus> start(@Parameter(hidden = true) TenantId tenant) {
        ExportStatus status = jobs.startTenantArchive(tenant);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/tenant/export/" + status.jobId()))
                .body(status);
    }

    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @GetMapping("/api/tenant/export/{jobId}")
    @Operation(summary = "The tenant export's progress: percent, events and rows done, seconds left")
    public ExportStatus status(@Parameter(hidden = true) TenantId tenant, @PathVariable String jobId) {
        return jobs.tenantArchiveStatus(tenant, jobId);
    }

    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @GetMapping("/api/tenant/export/{jobId}/download")
    @Operation(summary = "The finished tenant export as a zip (404 until it is done)")
    public ResponseEntity<byte[]> download(@Parameter(hidden = true) TenantId tenant, @PathVariable String jobId) {
        ExportJobStore.File file = jobs.tenantArchiveFile(tenant, jobId);
        return ResponseEntity.ok().contentType(ZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file.name() + "\"")
                .body(file.content());
    }
}
