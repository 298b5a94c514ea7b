package com.meterledger.ui.imports;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.TenantRecordPurged;
import com.meterledger.ui.imports.ImportJobs.JobView;
import com.meterledger.ui.imports.ImportJobs.RowOutcome;
import com.meterledger.ui.imports.ImportJobs.Status;
import com.meterledger.ui.imports.ImportPlan.Step;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Import jobs and their rows' outcomes, durable (tables {@code import_job} and {@code import_job_row}, V252, under
 * row-level security by {@code tenant_id}): a job's progress and outcomes are visible from every node and after a
 * restart. A batch's outcomes are written in the batch's own transaction ({@link #record} joins it), so a row counts
 * as done exactly when its effects are committed; a crash between the two cannot happen. The node running a job
 * renews its heartbeat; a job still RUNNING whose heartbeat is older than {@code interruptedAfter} is read as
 * {@link Status#INTERRUPTED}: its node stopped (restart, crash, deployment) before the last row.
 *
 * <p>The rows keep the unit id, steps, the refusing rule, its English text and its figures (V260: the ids and limits
 * the text names, so that a page words the rule in its reader's language), never an occupant's contact data. A purged
 * tenant's jobs are deleted in the {@code tenant-purge} processor, as every module deletes its own rows.
 */
@Component
@ProcessingGroup(TenantRecordPurged.PROCESSING_GROUP)
public class ImportJobStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    public ImportJobStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** A job begins (in the starter's transaction, as the tenant). */
    @Transactional
    public void begin(TenantId tenant, String jobId, String sha, int total, String startedBy, Instant now) {
        jdbc.sql("""
                        insert into import_job (tenant_id, job_id, file_sha256, status, total, started_by, started_at,
                            heartbeat_at)
                        values (?, ?, ?, 'RUNNING', ?, ?, ?, ?)""")
                .params(tenant.value(), jobId, sha, total, startedBy, Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    /**
     * Rows' outcomes, in the transaction that is running (a batch's, so that they commit with its effects), and the
     * job's heartbeat with them. A row recorded twice (its contact set after the batch) keeps the later outcome.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(TenantId tenant, String jobId, List<RowOutcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                        insert into import_job_row (tenant_id, job_id, row_no, unit_id, outcome, steps, rule, detail,
                            figures)
                        values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
                        on conflict (tenant_id, job_id, row_no) do update set outcome = excluded.outcome,
                            steps = excluded.steps, rule = excluded.rule, detail = excluded.detail,
                            figures = excluded.figures""",
                outcomes, outcomes.size(), (statement, outcome) -> {
                    statement.setString(1, tenant.value());
                    statement.setString(2, jobId);
                    statement.setInt(3, outcome.row());
                    statement.setString(4, clip(outcome.unitId(), 200));
                    statement.setString(5, outcome.outcome());
                    statement.setString(6, String.join(",", outcome.steps().stream().map(Step::name).toList()));
                    statement.setString(7, clip(outcome.rule(), 200));
                    statement.setString(8, clip(outcome.detail(), 500));
                    statement.setString(9, figures(outcome.figures()));
                });
        heartbeat(tenant, jobId, now);
    }

    /** The running node is alive: the job is not interrupted. A heartbeat never goes back in time. */
    @Transactional
    public void heartbeat(TenantId tenant, String jobId, Instant now) {
        jdbc.sql("""
                        update import_job set heartbeat_at = greatest(heartbeat_at, ?)
                        where tenant_id = ? and job_id = ? and status = 'RUNNING'""")
                .params(Timestamp.from(now), tenant.value(), jobId).update();
    }

    /** The last row has its outcome. */
    @Transactional
    public void finish(TenantId tenant, String jobId, Instant now) {
        jdbc.sql("""
                        update import_job set status = 'FINISHED', finished_at = ?, heartbeat_at = ?
                        where tenant_id = ? and job_id = ?""")
                .params(Timestamp.from(now), Timestamp.from(now), tenant.value(), jobId).update();
    }

    /**
     * The job with its rows' outcomes in row order, as any node sees it now; without {@code rows}, only how many rows
     * have each outcome (one grouped count: a 10,000-row job's progress, polled, need not read 10,000 rows).
     */
    @Transactional(readOnly = true)
    public Optional<JobView> view(TenantId tenant, String jobId, Instant now, Duration interruptedAfter,
                                  boolean rows) {
        record JobRow(String sha, String status, int total, Instant startedAt, Instant heartbeatAt, Instant finishedAt) {
        }
        Optional<JobRow> job = jdbc.sql("""
                        select file_sha256, status, total, started_at, heartbeat_at, finished_at
                        from import_job where tenant_id = ? and job_id = ?""")
                .params(tenant.value(), jobId)
                .query((rs, n) -> new JobRow(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6))))
                .optional();
        if (job.isEmpty()) {
            return Optional.empty();
        }
        JobRow j = job.get();
        Status status = Status.valueOf(j.status());
        if (status == Status.RUNNING && j.heartbeatAt().plus(interruptedAfter).isBefore(now)) {
            status = Status.INTERRUPTED;
        }
        if (!rows) {
            java.util.Map<String, Integer> counts = new java.util.HashMap<>();
            jdbc.sql("select outcome, count(*) from import_job_row where tenant_id = ? and job_id = ? group by outcome")
                    .params(tenant.value(), jobId)
                    .query((org.springframework.jdbc.core.RowCallbackHandler) rs ->
                            counts.put(rs.getString(1), rs.getInt(2)));
            int done = counts.getOrDefault("DONE", 0);
            int unchanged = counts.getOrDefault("UNCHANGED", 0);
            int refused = counts.getOrDefault("REFUSED", 0);
            int failed = counts.getOrDefault("FAILED", 0);
            return Optional.of(new JobView(jobId, j.sha(), status, j.total(), done + unchanged + refused + failed,
                    done, unchanged, refused, failed, j.startedAt(), j.finishedAt(), List.of()));
        }
        List<RowOutcome> outcomes = jdbc.sql("""
                        select row_no, unit_id, outcome, steps, rule, detail, figures from import_job_row
                        where tenant_id = ? and job_id = ? order by row_no""")
                .params(tenant.value(), jobId)
                .query((rs, n) -> new RowOutcome(rs.getInt(1), rs.getString(2), rs.getString(3),
                        steps(rs.getString(4)), rs.getString(5), rs.getString(6), figures(rs.getString(7))))
                .list();
        return Optional.of(JobView.of(jobId, j.sha(), status, j.total(), outcomes, j.startedAt(), j.finishedAt()));
    }

    /** Jobs that ended before {@code before} are forgotten with their rows. */
    @Transactional
    public int forget(TenantId tenant, Instant before) {
        jdbc.sql("""
                        delete from import_job_row r using import_job j
                        where j.tenant_id = ? and j.finished_at < ? and r.tenant_id = j.tenant_id and r.job_id = j.job_id""")
                .params(tenant.value(), Timestamp.from(before)).update();
        return jdbc.sql("delete from import_job where tenant_id = ? and finished_at < ?")
                .params(tenant.value(), Timestamp.from(before)).update();
    }

    @EventHandler
    void on(TenantRecordPurged event) {
        String tenant = event.tenantId().value();
        jdbc.sql("delete from import_job_row where tenant_id = ?").param(tenant).update();
        jdbc.sql("delete from import_job where tenant_id = ?").param(tenant).update();
    }

    private static List<Step> steps(String steps) {
        return steps == null || steps.isEmpty() ? List.of()
                : new ArrayList<>(Arrays.stream(steps.split(",")).map(Step::valueOf).toList());
    }

    /**
     * The figures as a JSON array: numbers as numbers (a limit reads {@code 200,000} in Chinese as in the API's
     * problem), a decimal exactly as written, anything else (ids, moments) as its text.
     */
    static String figures(List<Object> figures) {
        if (figures == null) {
            return null;
        }
        ArrayNode array = JSON.createArrayNode();
        for (Object figure : figures) {
            switch (figure) {
                case null -> array.addNull();
                case Integer whole -> array.add(whole);
                case Long whole -> array.add(whole);
                case BigDecimal decimal -> array.add(decimal);
                default -> array.add(String.valueOf(figure));
            }
        }
        return array.toString();
    }

    /** The figures as kept, or null for a row kept before they were (its English detail is all there is). */
    static List<Object> figures(String json) {
        if (json == null) {
            return null;
        }
        try {
            List<Object> figures = new ArrayList<>();
            for (JsonNode figure : JSON.readTree(json)) {
                figures.add(figure.isNull() ? null : figure.isIntegralNumber() ? (Object) figure.longValue()
                        : figure.isNumber() ? figure.decimalValue() : figure.asText());
            }
            return figures;
        } catch (JsonProcessingException unreadable) {
            return null;
        }
    }

    private static String clip(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length - 3) + "...";
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
