package com.meterledger.ui.staff;

import com.meterledger.api.shared.TenantId;
import com.meterledger.query.export.ExportJobStore;
import com.meterledger.query.export.ExportJobs;
import com.meterledger.query.export.TenantExportController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The billing page's "Leave with your data" section: Export starts the same job as {@code POST /api/tenant/export}
 * and returns to the billing page, which shows the job's progress (refreshing itself while it runs) and, when it is
 * done, the download link served here. The same bean and rules as the API: another tenant's job is 404.
 */
@Controller
@PreAuthorize("hasRole('TENANT_ADMIN')")
public class ExportUiController {
    private final ExportJobs jobs;

    public ExportUiController(ExportJobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping("/ui/export")
    public String start(TenantId tenant) {
        return "redirect:/ui/billing?export=" + jobs.startTenantArchive(tenant).jobId() + "#export";
    }

    @GetMapping("/ui/export/{jobId}")
    public ResponseEntity<byte[]> download(TenantId tenant, @PathVariable String jobId) {
        ExportJobStore.File file = jobs.tenantArchiveFile(tenant, jobId);
        return ResponseEntity.ok().contentType(TenantExportController.ZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file.name() + "\"")
                .body(file.content());
    }
}
