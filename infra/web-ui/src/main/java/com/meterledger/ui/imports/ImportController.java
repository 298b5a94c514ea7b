package com.meterledger.ui.imports;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.ui.i18n.PageFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bulk import of units, meters, accounts with opening readings and balances, and occupant contacts from CSV or XLSX
 * (columns: {@link ImportColumns#ALL}): a dry run that stores nothing and reports every row's steps or errors with
 * row and column, then the real run as a job with progress and an outcome per row. The staff page
 * ({@code /ui/imports}) calls the same planner and jobs.
 */
@RestController
@RequestMapping("/api/imports")
@PreAuthorize("hasRole('TENANT_ADMIN')")
@Tag(name = "Import", description = "Bulk import from CSV or XLSX: dry run, then a job")
public class ImportController {
    private final ImportPlanner planner;
    private final ImportJobs jobs;
    private final PageFormats formats;

    public ImportController(ImportPlanner planner, ImportJobs jobs, PageFormats formats) {
        this.planner = planner;
        this.jobs = jobs;
        this.formats = formats;
    }

    @PostMapping("/dry-runs")
    @Operation(summary = "What importing the file would do, row by row, with every error's row and column; stores nothing")
    public ImportPlan dryRun(@Parameter(hidden = true) TenantId tenant, @RequestPart(name = "file", required = false) MultipartFile file) {
        return planner.plan(tenant, bytes(file), formats.current().zone());
    }

    @PostMapping
    @Operation(summary = "Import the file as a job: only the rows its dry run finds valid are carried out; "
            + "running the same file again changes nothing")
    public ResponseEntity<?> run(@Parameter(hidden = true) TenantId tenant, @RequestPart(name = "file", required = false) MultipartFile file) {
        ImportPlan plan = planner.plan(tenant, bytes(file), formats.current().zone());
        if (!plan.readable()) {
            ImportPlan.ImportError first = plan.fileErrors().getFirst();
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, first.message());
            problem.setTitle("Import refused");
            problem.setProperty("rule", first.rule());
            if (first.column() != null) {
                problem.setProperty("field", first.column());
            }
            problem.setProperty("errors", plan.fileErrors());
            return ResponseEntity.unprocessableEntity().body(problem);
        }
        String jobId = jobs.start(tenant, plan);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", jobId);
        body.put("rows", plan.rows().size());
        body.put("validRows", plan.validRows());
        body.put("refusedRows", plan.refusedRows());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    @GetMapping("/{jobId}")
    @Operation(summary = "A job's progress and each row's outcome (DONE, UNCHANGED, REFUSED, FAILED)")
    public ImportJobs.JobView job(@Parameter(hidden = true) TenantId tenant, @PathVariable String jobId) {
        return jobs.view(tenant, jobId).orElseThrow(() -> new NotFound("import", jobId));
    }

    /** Read after the role check (a missing part is the caller's mistake, answered once they may call at all). */
    static byte[] bytes(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw new org.springframework.web.server.ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "file: a CSV or XLSX file is required as the multipart part \"file\"");
        }
        if (file.getSize() > ImportSheet.MAX_BYTES) {
            throw new IllegalArgumentException("file: larger than " + ImportSheet.MAX_BYTES / 1024 / 1024 + " MB");
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
