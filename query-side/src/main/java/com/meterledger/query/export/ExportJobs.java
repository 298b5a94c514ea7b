package com.meterledger.query.export;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.TenantId;
import com.meterledger.query.dashboard.DashboardQueries;
import com.meterledger.query.report.PeriodReports;
import com.meterledger.query.report.PropertyPeriodTable;
import com.meterledger.query.report.ReportFiles;
import com.meterledger.query.report.TableSink;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Export jobs: a request is checked (4xx for anything wrong) and counted before it is accepted, then runs on a small
 * pool of worker threads that writes the rows into CSV or a streamed XLSX and records progress every
 * {@link #PROGRESS_EVERY} rows. The finished file is kept with the job, which only its own tenant can see.
 */
@Service
public class ExportJobs implements DisposableBean {
    static final int PROGRESS_EVERY = 500;
    /** The request a tenant's whole export is stored under (kind {@code tenant-archive}, format ZIP). */
    static final ExportRequest TENANT_ARCHIVE = new ExportRequest("tenant-archive", "ZIP", null, null, null, null);
    static final Pattern JOB_ID = Pattern.compile("exp-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Set<String> REPORTS = Set.of("property-period", "tenant-period", "head-office");
    private static final Logger log = LoggerFactory.getLogger(ExportJobs.class);

    private final ExportJobStore store;
    private final PeriodReports reports;
    private final DashboardQueries dashboards;
    private final ObjectMapper json;
    private final TenantArchive archive;
    private final ExecutorService workers = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon()
            .name("export-", 1).factory());

    public ExportJobs(ExportJobStore store, PeriodReports reports, DashboardQueries dashboards, ObjectMapper json,
                      TenantArchive archive) {
        this.store = store;
        this.archive = archive;
        this.reports = reports;
        this.dashboards = dashboards;
        this.json = json;
    }

    /** Accepts a job (or refuses the request with a 4xx problem, starting nothing) and returns its first status. */
    public ExportStatus start(TenantId tenant, ExportRequest request) {
        Job job = plan(tenant, request);
        String jobId = "exp-" + UUID.randomUUID();
        try {
            store.create(tenant, jobId, request, json.writeValueAsString(request), job.total);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store an export request", e);
        }
        workers.submit(() -> run(tenant, jobId, request.format(), job));
        return store.status(tenant, jobId);
    }

    /**
     * Starts the export of everything of the tenant ({@link TenantArchive}) as a job on the same workers, counted
     * beforehand so its progress is a percentage of the tenant's events and rows.
     */
    public ExportStatus startTenantArchive(TenantId tenant) {
        String jobId = "exp-" + UUID.randomUUID();
        store.create(tenant, jobId, TENANT_ARCHIVE, "{}", archive.count(tenant));
        workers.submit(() -> runArchive(tenant, jobId));
        return store.status(tenant, jobId);
    }

    private void runArchive(TenantId tenant, String jobId) {
        try {
            long started = System.nanoTime();
            store.started(tenant, jobId);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            long[] done = {0};
            archive.write(tenant, file, rows -> {
                done[0] = rows;
                if (rows % PROGRESS_EVERY == 0) {
                    store.progress(tenant, jobId, rows);
                }
            });
            store.done(tenant, jobId, done[0], ReportFiles.fileName(tenant.value() + "-export", "zip"),
                    file.toByteArray());
            log.info("tenant export {} of {}: {} events and rows, {} bytes in {} ms", jobId, tenant, done[0],
                    file.size(), (System.nanoTime() - started) / 1_000_000);
        } catch (TenantArchive.PartMissing e) {
            // named on the job (API and billing page), so the administrator knows the zip would have lacked it
            log.warn("tenant export {} of {} stopped: {}", jobId, tenant, e.getMessage());
            store.failed(tenant, jobId, e.verdict().reason());
        } catch (RuntimeException | IOException | Error e) {
            log.warn("tenant export {} failed", jobId, e);
            store.failed(tenant, jobId, "the export failed");
        }
    }

    /**
     * A tenant archive's status: a job id that is not one ({@code exp-} and a UUID) is refused naming {@code jobId};
     * another tenant's job, or an export of another kind, is {@link NotFound} like an unknown one.
     */
    public ExportStatus tenantArchiveStatus(TenantId tenant, String jobId) {
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
            throw new FieldRejected("jobId", "export-job-id-malformed", "an export job id is exp- followed by a UUID");
        }
        ExportStatus status = store.status(tenant, jobId);
        if (!TENANT_ARCHIVE.report().equals(status.report())) {
            throw new NotFound("tenant export", jobId);
        }
        return status;
    }

    /** A tenant archive's status for a page: empty for a malformed, unknown or foreign id. */
    public java.util.Optional<ExportStatus> findTenantArchive(TenantId tenant, String jobId) {
        try {
            return java.util.Optional.of(tenantArchiveStatus(tenant, jobId));
        } catch (FieldRejected | NotFound e) {
            return java.util.Optional.empty();
        }
    }

    /** A finished tenant archive; {@link NotFound} until it is done. */
    public ExportJobStore.File tenantArchiveFile(TenantId tenant, String jobId) {
        tenantArchiveStatus(tenant, jobId);
        return store.file(tenant, jobId);
    }

    public ExportStatus status(TenantId tenant, String jobId) {
        return store.status(tenant, jobId);
    }

    public ExportJobStore.File file(TenantId tenant, String jobId) {
        return store.file(tenant, jobId);
    }

    /** What a job will write: a header, then rows given to a sink, {@code total} of them as counted beforehand. */
    private record Job(String name, List<String> header, long total, Consumer<TableSink> rows) {
    }

    private Job plan(TenantId tenant, ExportRequest request) {
        if (request == null || request.report() == null || !REPORTS.contains(request.report())) {
            throw new RuleViolation("export-report-unknown", "report must be one of " + REPORTS);
        }
        if (!"XLSX".equals(request.format()) && !"CSV".equals(request.format())) {
            throw new RuleViolation("export-format-unknown", "format must be XLSX or CSV");
        }
        return switch (request.report()) {
            case "property-period" -> {
                if (request.propertyId() == null) {
                    throw new RuleViolation("property-required", "a property-period export names a propertyId");
                }
                PeriodReports.validate(request.from(), request.to());
                reports.requireProperty(tenant, request.propertyId());
                long total = reports.countProperty(tenant, request.propertyId(), request.from(), request.to());
                yield new Job(request.propertyId() + "-" + request.from() + "-" + request.to(),
                        PropertyPeriodTable.HEADER, total, sink -> reports.streamProperty(tenant,
                        request.propertyId(), request.from(), request.to(),
                        a -> sink.row(PropertyPeriodTable.row(a))));
            }
            case "tenant-period" -> {
                PeriodReports.validate(request.from(), request.to());
                Map<String, String> properties = dashboards.properties(tenant);
                long total = 0;
                for (String property : properties.keySet()) {
                    total += reports.countProperty(tenant, property, request.from(), request.to());
                }
                List<String> header = new ArrayList<>(List.of("property_id"));
                header.addAll(PropertyPeriodTable.HEADER);
                yield new Job(tenant.value() + "-" + request.from() + "-" + request.to(), header, total, sink -> {
                    for (String property : properties.keySet()) {
                        reports.streamProperty(tenant, property, request.from(), request.to(), a -> {
                            List<Object> row = new ArrayList<>();
                            row.add(property);
                            row.addAll(PropertyPeriodTable.row(a));
                            sink.row(row);
                        });
                    }
                });
            }
            default -> {
                YearMonth month = DashboardQueries.month(request.month());
                long total = dashboards.properties(tenant).size();
                yield new Job("head-office-" + month, HeadOfficeTable.HEADER, total,
                        sink -> HeadOfficeTable.rows(dashboards.rollup(tenant, month), sink));
            }
        };
    }

    private void run(TenantId tenant, String jobId, String format, Job job) {
        try {
            store.started(tenant, jobId);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            long[] done = {0};
            Consumer<TableSink> counted = sink -> job.rows.accept(cells -> {
                sink.row(cells);
                if (++done[0] % PROGRESS_EVERY == 0) {
                    store.progress(tenant, jobId, done[0]);
                }
            });
            Consumer<TableSink> table = sink -> {
                sink.row(job.header);
                counted.accept(sink);
            };
            if ("XLSX".equals(format)) {
                ReportFiles.xlsx(file, "report", table);
            } else {
                ReportFiles.csv(file, table);
            }
            String name = ReportFiles.fileName(job.name, "XLSX".equals(format) ? "xlsx" : "csv");
            store.done(tenant, jobId, done[0], name, file.toByteArray());
        } catch (RuntimeException | IOException | Error e) {
            log.warn("export {} failed", jobId, e);
            store.failed(tenant, jobId, e instanceof UncheckedIOException ? "could not write the file"
                    : "the export failed");
        }
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
