package com.meterledger.ui.staff;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.ui.i18n.PageFormats;
import com.meterledger.ui.i18n.PageTexts;
import com.meterledger.ui.imports.ImportColumns;
import com.meterledger.ui.imports.ImportJobs;
import com.meterledger.ui.imports.ImportPlan;
import com.meterledger.ui.imports.ImportPlanner;
import com.meterledger.ui.imports.ImportSheet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bulk import's pages: upload a CSV or XLSX file for its dry run (every row's steps, every error with row and
 * column), then run it as a job whose page shows its progress and each row's outcome. The same planner and jobs as
 * {@code /api/imports}; the file the dry run read is the one that runs (kept by its digest).
 */
@Controller
@PreAuthorize("hasRole('TENANT_ADMIN')")
public class ImportUiController {
    private final ImportPlanner planner;
    private final ImportJobs jobs;
    private final PageFormats formats;
    private final PageTexts texts;

    public ImportUiController(ImportPlanner planner, ImportJobs jobs, PageFormats formats, PageTexts texts) {
        this.planner = planner;
        this.jobs = jobs;
        this.formats = formats;
        this.texts = texts;
    }

    @GetMapping("/ui/imports")
    public String upload(Model model) {
        model.addAttribute("columns", ImportColumns.ALL);
        return "ui/imports";
    }

    /** A template with the columns and one example row, for a person to fill in in a spreadsheet. */
    @GetMapping("/ui/imports/template.csv")
    public ResponseEntity<byte[]> template() {
        String csv = String.join(",", ImportColumns.ALL) + "\r\n"
                + "p-1,u-101,Flat 101,m-101,ELECTRICITY,SN-101,a-101,CNY,t-home,2027-01-01,1234.5,5000,Li Lei,li@example.cn,+8613800138000\r\n";
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-template.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv.getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/ui/imports/dry-run")
    public String dryRun(TenantId tenant, @RequestParam(required = false) MultipartFile file, Model model) {
        if (file == null || file.isEmpty()) {
            throw new IllegalArgumentException("file: choose a CSV or XLSX file");
        }
        byte[] bytes = bytes(file);
        ImportPlan plan = planner.plan(tenant, bytes, formats.current().zone());
        model.addAttribute("plan", plan);
        model.addAttribute("reasons", reasons(plan));
        model.addAttribute("fileName", file.getOriginalFilename());
        model.addAttribute("sha", jobs.keep(tenant, bytes));
        model.addAttribute("columns", ImportColumns.ALL);
        return "ui/imports";
    }

    @PostMapping("/ui/imports/run")
    public String run(TenantId tenant, @RequestParam(required = false) String sha) {
        // read after the role check: a missing digest is an admin's mistake, everyone else is refused first
        if (sha == null || sha.isBlank()) {
            throw new IllegalArgumentException("sha: run a dry run of the file first");
        }
        byte[] file = jobs.kept(tenant, sha).orElseThrow(() -> new NotFound("import", sha));
        String jobId = jobs.start(tenant, planner.plan(tenant, file, formats.current().zone()));
        return "redirect:/ui/imports/jobs/" + jobId;
    }

    @GetMapping("/ui/imports/jobs/{jobId}")
    public String job(TenantId tenant, @PathVariable String jobId, Model model) {
        ImportJobs.JobView job = jobs.view(tenant, jobId).orElseThrow(() -> new NotFound("import", jobId));
        model.addAttribute("job", job);
        model.addAttribute("details", details(job.rows()));
        return "ui/import-job";
    }

    /** Each refusal of the dry run in the reader's words, with the ids and limits it names (the API's is English). */
    private List<String> reasons(ImportPlan plan) {
        return plan.errors().stream().map(error -> texts.rule(error.rule(), error.message(), error.figures())).toList();
    }

    /** A row's detail as its page writes it: the refused cell's column (null for any other detail), then the text. */
    public record RowDetail(String column, String text) {
    }

    /**
     * Each row's detail in the reader's words, by row. A refused row's detail was kept as the API gives it, its column
     * then its rule's English ({@code unit: unit u-1 appears in an earlier row}), with the rule's figures: the page
     * writes the column as the file names it, then the rule's text in the reader's language with those figures. A row
     * without figures (kept before they were, V260, or refused by a rule that names none) is worded by its rule's
     * text only where that names no figure, else in the English it kept.
     */
    private Map<Integer, RowDetail> details(List<ImportJobs.RowOutcome> rows) {
        Map<Integer, RowDetail> details = new LinkedHashMap<>();
        for (ImportJobs.RowOutcome row : rows) {
            String detail = row.detail();
            int colon = detail == null ? -1 : detail.indexOf(": ");
            if ("REFUSED".equals(row.outcome()) && row.rule() != null && colon > 0) {
                String english = detail.substring(colon + 2);
                String worded;
                if (row.figures() != null && !row.figures().isEmpty()) {
                    worded = texts.rule(row.rule(), english, row.figures());
                } else {
                    String bare = texts.rule(row.rule(), null);
                    worded = bare == null || bare.contains("{") ? english : bare;
                }
                details.put(row.row(), new RowDetail(detail.substring(0, colon), worded));
            } else {
                details.put(row.row(), new RowDetail(null, detail));
            }
        }
        return details;
    }

    private static byte[] bytes(MultipartFile file) {
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
