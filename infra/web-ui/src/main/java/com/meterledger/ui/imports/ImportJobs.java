package com.meterledger.ui.imports;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.core.account.web.AccountCommandController;
import com.meterledger.core.account.web.AccountCommandController.OpenAccountRequest;
import com.meterledger.core.account.web.AccountCommandController.TopUpRequest;
import com.meterledger.core.meter.web.MeterController;
import com.meterledger.core.meter.web.MeterController.RegisterMeterRequest;
import com.meterledger.gateway.notification.web.OccupantContactController;
import com.meterledger.gateway.notification.web.OccupantContactController.ContactRequest;
import com.meterledger.tenantadmin.registry.RegistryController;
import com.meterledger.tenantadmin.registry.RegistryController.NewUnit;
import com.meterledger.ui.imports.ImportPlan.RowPlan;
import com.meterledger.ui.imports.ImportPlan.Step;
import com.meterledger.ui.staff.Forms;
import org.axonframework.eventhandling.GenericEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The real run of an import, as a job: the rows the plan found valid are carried out by the API endpoints' own beans
 * ({@link RegistryController}, {@link MeterController}, {@link AccountCommandController},
 * {@link OccupantContactController}), as the person who started it (their security context and language go with
 * the job), on a few worker threads; each row gets its outcome and the job counts its progress. Rows the plan
 * refused are reported as refused and nothing of them is stored. Every step is idempotent: a unit, meter or account
 * that exists is left as it is, and the opening balance is a top-up whose reference is the account's
 * ({@code import-opening-<account>}), which the account credits once, so running the same file again changes nothing.
 *
 * <p>Jobs live in this node's memory for {@link #KEPT} after they end; a restart forgets a job's progress but not
 * its effects, and running the file again finishes what was left. Rows run in parallel, a row's steps in order.
 */
@Component
public class ImportJobs {
    public static final Duration KEPT = Duration.ofHours(6);
    static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);
    static final int WORKERS = 4;
    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final RegistryController registry;
    private final MeterController meters;
    private final AccountCommandController accounts;
    private final ObjectProvider<OccupantContactController> contacts;
    private final Forms forms;
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, runnable -> {
        Thread thread = new Thread(runnable, "import-worker");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    /** Files a page's dry run read, by tenant and digest, until the person runs them (a browser cannot post a file twice). */
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    private record Kept(byte[] bytes, Instant at) {
    }

    public ImportJobs(RegistryController registry, MeterController meters, AccountCommandController accounts,
                      ObjectProvider<OccupantContactController> contacts, Forms forms) {
        this.registry = registry;
        this.meters = meters;
        this.accounts = accounts;
        this.contacts = contacts;
        this.forms = forms;
    }

    public enum Status { RUNNING, FINISHED }

    /** A row's outcome: DONE (with what was done), UNCHANGED, REFUSED (by the plan) or FAILED (while running). */
    public record RowOutcome(int row, String unitId, String outcome, List<Step> steps, String rule, String detail) {
    }

    public record JobView(String jobId, String fileSha256, Status status, int total, int processed, int done,
                          int unchanged, int refused, int failed, Instant startedAt, Instant finishedAt,
                          List<RowOutcome> rows) {
    }

    private static final class Job {
        final String id;
        final TenantId tenant;
        final String sha;
        final List<RowPlan> plans;
        final AtomicReferenceArray<RowOutcome> outcomes;
        final AtomicInteger processed = new AtomicInteger();
        final Instant startedAt = Instant.now();
        volatile Instant finishedAt;

        Job(String id, TenantId tenant, String sha, List<RowPlan> plans) {
            this.id = id;
            this.tenant = tenant;
            this.sha = sha;
            this.plans = plans;
            this.outcomes = new AtomicReferenceArray<>(plans.size());
        }
    }

    /** Starts the run of a plan that read the file; the job's id answers {@link #view}. */
    public String start(TenantId tenant, ImportPlan plan) {
        if (!plan.readable()) {
            throw new IllegalArgumentException("the file itself was refused; see the dry run");
        }
        forget();
        Job job = new Job(UUID.randomUUID().toString(), tenant, plan.fileSha256(), plan.rows());
        jobs.put(job.id, job);
        Locale locale = LocaleContextHolder.getLocale();
        Instant now = GenericEventMessage.clock.instant();
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < WORKERS; w++) {
            workers.execute(new DelegatingSecurityContextRunnable(() -> {
                LocaleContextHolder.setLocale(locale);
                try {
                    for (int i = next.getAndIncrement(); i < job.plans.size(); i = next.getAndIncrement()) {
                        job.outcomes.set(i, carryOut(job.tenant, job.plans.get(i), now));
                        if (job.processed.incrementAndGet() == job.plans.size()) {
                            finish(job);
                        }
                    }
                } finally {
                    LocaleContextHolder.resetLocaleContext();
                }
            }, SecurityContextHolder.getContext()));
        }
        if (job.plans.isEmpty()) {
            finish(job);
        }
        return job.id;
    }

    private void finish(Job job) {
        job.finishedAt = Instant.now();
        long millis = Duration.between(job.startedAt, job.finishedAt).toMillis();
        log.info("Import {} of tenant {}: {} rows in {} ms ({} rows/s)", job.id, job.tenant, job.plans.size(), millis,
                millis == 0 ? job.plans.size() : job.plans.size() * 1000L / millis);
    }

    public Optional<JobView> view(TenantId tenant, String jobId) {
        Job job = jobs.get(jobId);
        if (job == null || !job.tenant.equals(tenant)) {
            return Optional.empty();
        }
        List<RowOutcome> rows = new ArrayList<>();
        int done = 0;
        int unchanged = 0;
        int refused = 0;
        int failed = 0;
        for (int i = 0; i < job.plans.size(); i++) {
            RowOutcome outcome = job.outcomes.get(i);
            if (outcome == null) {
                continue;
            }
            rows.add(outcome);
            switch (outcome.outcome()) {
                case "DONE" -> done++;
                case "UNCHANGED" -> unchanged++;
                case "REFUSED" -> refused++;
                default -> failed++;
            }
        }
        return Optional.of(new JobView(job.id, job.sha, job.finishedAt == null ? Status.RUNNING : Status.FINISHED,
                job.plans.size(), job.processed.get(), done, unchanged, refused, failed, job.startedAt, job.finishedAt,
                rows));
    }

    private RowOutcome carryOut(TenantId tenant, RowPlan plan, Instant now) {
        ImportRow row = plan.values();
        if (!plan.valid()) {
            ImportPlan.ImportError first = plan.errors().getFirst();
            return new RowOutcome(plan.row(), row == null ? null : row.unitId(), "REFUSED", List.of(), first.rule(),
                    first.column() + ": " + first.message());
        }
        if (plan.unchanged()) {
            return new RowOutcome(plan.row(), row.unitId(), "UNCHANGED", plan.steps(), null, null);
        }
        List<Step> done = new ArrayList<>();
        try {
            for (Step step : plan.steps()) {
                switch (step) {
                    case CREATE_UNIT -> registry.addUnit(tenant, row.propertyId(), new NewUnit(row.unitId(), row.unitName()));
                    case CREATE_METER -> meters.register(new RegisterMeterRequest(row.meterId(), row.unitId(),
                            Utility.valueOf(row.utility()), row.serialNumber()));
                    case OPEN_ACCOUNT -> accounts.open(tenant, new OpenAccountRequest(row.accountId(), row.unitId(),
                            row.meterId(), row.currency(), row.tariffId(), null,
                            row.openingReadAt() == null ? now : row.openingReadAt(), row.openingRegister(), null));
                    case CREDIT_OPENING_BALANCE -> accounts.topUp(row.accountId(), new TopUpRequest(
                            row.openingBalanceMinor(), row.currency(), "import-opening-" + row.accountId(), null));
                    case SET_CONTACT -> setContact(tenant, row);
                    default -> {
                        continue;
                    }
                }
                done.add(step);
            }
            return new RowOutcome(plan.row(), row.unitId(), "DONE", done, null, null);
        } catch (NotFound | IllegalArgumentException | com.meterledger.api.error.RuleViolation
                 | org.axonframework.modelling.command.AggregateStreamCreationException e) {
            Forms.Refusal refusal = forms.refusal(e);
            return new RowOutcome(plan.row(), row.unitId(), "FAILED", done, refusal.rule(), refusal.text());
        } catch (RuntimeException e) {
            log.warn("Import row {} failed", plan.row(), e);
            return new RowOutcome(plan.row(), row.unitId(), "FAILED", done, "import-row-failed",
                    e.getClass().getSimpleName());
        }
    }

    /**
     * The contact endpoint knows an account from the account read model, which shows an account opened a moment ago
     * within milliseconds to seconds (its processor's round trip): the contact of a row's new account waits for it,
     * up to {@link #VISIBLE_WITHIN}.
     */
    private void setContact(TenantId tenant, ImportRow row) {
        ContactRequest request = new ContactRequest(row.occupantName(), row.occupantEmail(), row.occupantPhone(), null,
                ImportPlanner.channels(row));
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        while (true) {
            try {
                contacts.getObject().set(tenant, row.accountId(), request);
                return;
            } catch (NotFound e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Keeps a dry-run file for its real run; answers its digest. */
    public String keep(TenantId tenant, byte[] file) {
        forget();
        String sha = ImportPlanner.sha256(file);
        kept.put(tenant.value() + "/" + sha, new Kept(file, Instant.now()));
        return sha;
    }

    public Optional<byte[]> kept(TenantId tenant, String sha) {
        return Optional.ofNullable(kept.get(tenant.value() + "/" + sha)).map(Kept::bytes);
    }

    private void forget() {
        Instant before = Instant.now().minus(KEPT);
        jobs.values().removeIf(job -> job.finishedAt != null && job.finishedAt.isBefore(before));
        kept.values().removeIf(file -> file.at().isBefore(before));
    }
}
