package com.meterledger.query.export;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/** The export_job rows of a tenant: each call its own short transaction, so progress is visible while a job runs. */
@Repository
public class ExportJobStore {
    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    public record File(String name, String format, byte[] content) {
    }

    private final JdbcClient jdbc;

    public ExportJobStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void create(TenantId tenant, String jobId, ExportRequest request, String parameters, long rowsTotal) {
        jdbc.sql("""
                        insert into export_job (tenant_id, job_id, kind, format, parameters, status, rows_total)
                        values (?, ?, ?, ?, cast(? as jsonb), 'QUEUED', ?)""")
                .params(tenant.value(), jobId, request.report(), request.format(), parameters, rowsTotal).update();
    }

    @Transactional
    public void started(TenantId tenant, String jobId) {
        jdbc.sql("update export_job set status = 'RUNNING', started_at = now() where tenant_id = ? and job_id = ?")
                .params(tenant.value(), jobId).update();
    }

    /**
     * In a transaction of its own: it is called from inside the export's read-only streaming transaction, which it
     * would otherwise join, and every export of 500 rows or more failed there ("cannot execute UPDATE in a read-only
     * transaction", seen in a CI run once tenant A had grown).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void progress(TenantId tenant, String jobId, long rowsDone) {
        jdbc.sql("update export_job set rows_done = ? where tenant_id = ? and job_id = ?")
                .params(rowsDone, tenant.value(), jobId).update();
    }

    @Transactional
    public void done(TenantId tenant, String jobId, long rowsDone, String fileName, byte[] content) {
        jdbc.sql("""
                        update export_job set status = 'DONE', rows_done = ?, rows_total = greatest(rows_total, ?),
                            finished_at = now(), file_name = ?, content = ?
                        where tenant_id = ? and job_id = ?""")
                .params(rowsDone, rowsDone, fileName, content, tenant.value(), jobId).update();
    }

    @Transactional
    public void failed(TenantId tenant, String jobId, String error) {
        jdbc.sql("""
                        update export_job set status = 'FAILED', finished_at = now(), error = left(?, 500)
                        where tenant_id = ? and job_id = ?""")
                .params(error, tenant.value(), jobId).update();
    }

    @Transactional(readOnly = true)
    public ExportStatus status(TenantId tenant, String jobId) {
        return jdbc.sql("""
                        select job_id, kind, format, status, rows_done, rows_total, created_at, started_at, finished_at,
                            error
                        from export_job where tenant_id = ? and job_id = ?""")
                .params(tenant.value(), jobId)
                .query((rs, row) -> status(rs.getString(1), rs.getString(2), rs.getString(3),
                        Status.valueOf(rs.getString(4)), rs.getLong(5), rs.getLong(6), instant(rs.getTimestamp(7)),
                        instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), rs.getString(10)))
                .optional()
                .orElseThrow(() -> new NotFound("export", jobId));
    }

    /** The finished file; {@link NotFound} for an unknown job or one that is not DONE (yet). */
    @Transactional(readOnly = true)
    public File file(TenantId tenant, String jobId) {
        return jdbc.sql("""
                        select file_name, format, content from export_job
                        where tenant_id = ? and job_id = ? and status = 'DONE'""")
                .params(tenant.value(), jobId)
                .query((rs, row) -> new File(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .optional()
                .orElseThrow(() -> new NotFound("finished export", jobId));
    }

    static ExportStatus status(String jobId, String report, String format, Status status, long done, long total,
                               Instant created, Instant started, Instant finished, String error) {
        int percent = status == Status.DONE ? 100
                : total == 0 ? 0 : (int) Math.min(99, done * 100 / total);
        Long perSecond = null;
        Long left = null;
        if (started != null && done > 0) {
            Instant end = finished == null ? Instant.now() : finished;
            long millis = Math.max(1, Duration.between(started, end).toMillis());
            perSecond = done * 1000 / millis;
            left = status == Status.RUNNING ? Math.max(0, total - done) * millis / done / 1000 : 0L;
        }
        return new ExportStatus(jobId, report, format, status.name(), percent, done, total, perSecond, left, created,
                started, finished, error, status != Status.DONE ? null
                : "tenant-archive".equals(report) ? "/api/tenant/export/" + jobId + "/download"
                : "/api/exports/" + jobId + "/file");
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
