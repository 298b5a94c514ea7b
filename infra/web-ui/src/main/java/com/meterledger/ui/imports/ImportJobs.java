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
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.edge.tenancy.TenantContext;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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
 * <p>Why rows go in batches: one row is a registry insert, three commands and a contact, and each of them used to
 * commit on its own (five commits, each waiting for the disk's flush), while the contact polled the account read
 * model until the new account showed there. 10,000 rows took 513 s (19 rows/s, infra/perf {@code import}). Now a
 * worker takes {@link #BATCH} rows and carries out their units, meters, accounts and opening balances in one Axon
 * unit of work with one transaction (the commands' own units of work nest in it, so their events, locks and cached
 * aggregates commit or roll back together), with the contacts of the accounts the rows open
 * ({@link OccupantContactController#setForOpenedAccount}: the command's result says the account is the tenant's, so
 * nothing waits for the notifications module to learn it; at load average 34 that wait, a processor's lag, held the
 * first 10,000-row run for minutes). A contact for an account opened before is set after the worker's next batch. A batch that
 * fails anywhere is rolled back whole and its rows are carried out again one by one, each row in its own unit of work,
 * so a failing row stores nothing and never takes its neighbours down.
 *
 * <p>Jobs live in this node's memory for {@link #KEPT} after they end; a restart forgets a job's progress but not
 * its effects, and running the file again finishes what was left.
 */
@Component
public class ImportJobs {
    public static final Duration KEPT = Duration.ofHours(6);
    static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);
    public static final int WORKERS = 4;
    /** Rows per unit of work: 25 rows are about 100 events, a few hundred milliseconds of a worker's time. */
    public static final int BATCH = 25;
    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final RegistryController registry;
    private final MeterController meters;
    private final AccountCommandController accounts;
    private final ObjectProvider<OccupantContactController> contacts;
    private final Forms forms;
    private final TransactionManager transactions;
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
                      ObjectProvider<OccupantContactController> contacts, Forms forms,
                      TransactionManager transactions) {
        this.transactions = transactions;
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
                    Map<Integer, RowOutcome> waiting = Map.of();
                    for (int b = next.getAndIncrement(); (long) b * BATCH < job.plans.size(); b = next.getAndIncrement()) {
                        List<Integer> batch = new ArrayList<>();
                        for (int i = b * BATCH; i < Math.min(job.plans.size(), (b + 1) * BATCH); i++) {
                            batch.add(i);
                        }
                        Map<Integer, RowOutcome> contactsDue = carryOut(job, batch, now);
                        setContacts(job, waiting);
                        waiting = contactsDue;
                    }
                    setContacts(job, waiting);
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

    /** The row's outcome is known: it counts as processed, and the last one ends the job. */
    private void settle(Job job, int index, RowOutcome outcome) {
        job.outcomes.set(index, outcome);
        if (job.processed.incrementAndGet() == job.plans.size()) {
            finish(job);
        }
    }

    /**
     * Carries out the rows of a batch, in one unit of work when they all succeed, else one by one; settles every row
     * but those whose contact is still to be set, which it answers with their outcome so far (the steps done).
     */
    private Map<Integer, RowOutcome> carryOut(Job job, List<Integer> batch, Instant now) {
        List<Integer> toRun = new ArrayList<>();
        for (int index : batch) {
            RowPlan plan = job.plans.get(index);
            ImportRow row = plan.values();
            if (!plan.valid()) {
                ImportPlan.ImportError first = plan.errors().getFirst();
                settle(job, index, new RowOutcome(plan.row(), row == null ? null : row.unitId(), "REFUSED", List.of(),
                        first.rule(), first.column() + ": " + first.message()));
            } else if (plan.unchanged()) {
                settle(job, index, new RowOutcome(plan.row(), row.unitId(), "UNCHANGED", plan.steps(), null, null));
            } else {
                toRun.add(index);
            }
        }
        Map<Integer, List<Step>> done = new java.util.HashMap<>();
        if (toRun.size() > 1) {
            try {
                inOneUnitOfWork(job.tenant, () -> {
                    for (int index : toRun) {
                        done.put(index, steps(job.tenant, job.plans.get(index), now));
                    }
                });
            } catch (RuntimeException e) {
                log.debug("Import batch of {} rows rolled back; its rows run one by one", toRun.size(), e);
                done.clear();
            }
        }
        Map<Integer, RowOutcome> contactsDue = new java.util.LinkedHashMap<>();
        for (int index : toRun) {
            RowPlan plan = job.plans.get(index);
            if (!done.containsKey(index)) {
                try {
                    inOneUnitOfWork(job.tenant, () -> done.put(index, steps(job.tenant, plan, now)));
                } catch (RuntimeException e) {
                    settle(job, index, failed(plan, e));
                    continue;
                }
            }
            RowOutcome outcome = new RowOutcome(plan.row(), plan.values().unitId(), "DONE", done.get(index), null, null);
            if (plan.steps().contains(Step.SET_CONTACT) && !outcome.steps().contains(Step.SET_CONTACT)) {
                contactsDue.put(index, outcome);
            } else {
                settle(job, index, outcome);
            }
        }
        return contactsDue;
    }

    /**
     * A row's steps through the API's beans; the caller's unit of work commits them. The contact of an account this
     * row opened goes with them (the command's result says the account is the tenant's); the contact of an account
     * opened before waits for {@link #setContacts}.
     */
    private List<Step> steps(TenantId tenant, RowPlan plan, Instant now) {
        ImportRow row = plan.values();
        List<Step> done = new ArrayList<>();
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
                case SET_CONTACT -> {
                    if (!done.contains(Step.OPEN_ACCOUNT)) {
                        continue; // an account opened before: its contact waits until the account is known
                    }
                    contacts.getObject().setForOpenedAccount(tenant, row.accountId(), contactRequest(row));
                }
                default -> {
                    continue;
                }
            }
            done.add(step);
        }
        return done;
    }

    /**
     * Runs {@code work} in one root unit of work with one transaction, as the tenant: the commands it sends are
     * handled in units of work nested in this one, so their events are appended, their aggregates' locks released and
     * their cached copies kept only when this one commits, and all of it is rolled back when anything fails.
     */
    private void inOneUnitOfWork(TenantId tenant, Runnable work) {
        TenantContext.callAs(tenant, () -> {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("import",
                    MetaData.with(MetadataKeys.TENANT, tenant.value())));
            try {
                unitOfWork.attachTransaction(transactions);
                work.run();
            } catch (RuntimeException | Error e) {
                unitOfWork.rollback(e);
                throw e;
            }
            unitOfWork.commit();
            return null;
        });
    }

    private RowOutcome failed(RowPlan plan, RuntimeException e) {
        ImportRow row = plan.values();
        if (e instanceof NotFound || e instanceof IllegalArgumentException
                || e instanceof com.meterledger.api.error.RuleViolation
                || e instanceof org.axonframework.modelling.command.AggregateStreamCreationException) {
            Forms.Refusal refusal = forms.refusal(e);
            return new RowOutcome(plan.row(), row.unitId(), "FAILED", List.of(), refusal.rule(), refusal.text());
        }
        log.warn("Import row {} failed", plan.row(), e);
        return new RowOutcome(plan.row(), row.unitId(), "FAILED", List.of(), "import-row-failed",
                e.getClass().getSimpleName());
    }

    /**
     * Sets the contacts of rows whose other steps are committed: all in one transaction when every account is known
     * to the notifications module, else one by one, each waiting for its account up to {@link #VISIBLE_WITHIN}.
     * A contact that cannot be set fails its row, with the steps already done.
     */
    private void setContacts(Job job, Map<Integer, RowOutcome> pending) {
        List<Integer> rows = List.copyOf(pending.keySet());
        if (rows.isEmpty()) {
            return;
        }
        boolean together = false;
        if (rows.size() > 1) {
            try {
                TenantContext.callAs(job.tenant, () -> {
                    transactions.executeInTransaction(() -> rows.forEach(index ->
                            contacts.getObject().set(job.tenant, job.plans.get(index).values().accountId(),
                                    contactRequest(job.plans.get(index).values()))));
                    return null;
                });
                together = true;
            } catch (RuntimeException e) {
                log.debug("Contacts of {} import rows set one by one", rows.size(), e);
            }
        }
        for (int index : rows) {
            RowOutcome outcome = pending.get(index);
            List<Step> steps = new ArrayList<>(outcome.steps());
            try {
                if (!together) {
                    setContact(job.tenant, job.plans.get(index).values());
                }
                steps.add(Step.SET_CONTACT);
                settle(job, index, new RowOutcome(outcome.row(), outcome.unitId(), "DONE", steps, null, null));
            } catch (RuntimeException e) {
                RowOutcome refused = failed(job.plans.get(index), e);
                settle(job, index, new RowOutcome(outcome.row(), outcome.unitId(), "FAILED", steps, refused.rule(),
                        refused.detail()));
            }
        }
    }

    private static ContactRequest contactRequest(ImportRow row) {
        return new ContactRequest(row.occupantName(), row.occupantEmail(), row.occupantPhone(), null,
                ImportPlanner.channels(row));
    }

    /**
     * The contact endpoint knows an account from the notifications module's directory, which learns an account opened
     * a moment ago within milliseconds to seconds (its processor's round trip): the contact waits for it, up to
     * {@link #VISIBLE_WITHIN}.
     */
    private void setContact(TenantId tenant, ImportRow row) {
        ContactRequest request = contactRequest(row);
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
