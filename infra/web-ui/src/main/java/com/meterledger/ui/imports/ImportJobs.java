package com.meterledger.ui.imports;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.core.tariff.TariffReader;
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
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * refused are reported as refused and nothing of them is stored. A row's unit is added through the API's bean too
 * ({@code RegistryAdditions}), so it gets its {@code UnitAdded} on its property's record in the row's transaction.
 * Every step is idempotent: a unit, meter or account
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
 * <p>Where a row's time went (profiled 2026-12-07 05:28-05:45 UTC with JFR and thread dumps on {@code import --rows
 * 10000}, load average 36-46 from other builds, 25 rows per batch): the dry run took 102.7 s, most of it waiting on
 * four look-ups per row, each its own transaction and round trip, 40,000 of them each waiting for a core at that load
 * (now one query per kind for 1,000 rows, {@link ImportPlanner}: 24.6 s at load 32-36, 12.1 s at load 20-33). In the run,
 * three dumps 2 s apart found three of the four workers parked on one lock
 * each time: the tariff's, which {@code OpenAccount} took by loading the tariff aggregate and held until its batch
 * committed, so the batches ran one after the other and the workers' CPU (8 s each in 12 minutes) was a small part of
 * their time; the command side now only reads the tariff ({@code MeteringService.tariffFor} through
 * {@code TariffReader}, confirmed once per batch here). The rest of a worker's CPU was spread thin: Axon's handler
 * look-ups and unit-of-work phases 32 %, Spring proxies and security checks 17 %, Micrometer's timers and
 * observations 10 %, the rows' own code 11 %, the JDBC driver 4 %, serialization 2 % (no one hot spot to remove
 * without going around the API's beans). In the same process the notifications processor, the dashboard and account
 * projections, the search indexers and the local mail sink used about as much CPU again as the workers, catching up
 * with the rows' 40,000 events; they are the same with or without the import's batching. After these changes, at
 * load average 29-44 (06:16-06:28 UTC), no worker waited on a lock, and PostgreSQL's sessions sat idle in transaction
 * waiting for the application (ClientRead): the application's JVM got about a fifth of a core (96 s of CPU in 7.5
 * minutes), and the first run of 10,000 rows took 467.5 s. Back to back at load 10-18 the first run took 98.9 s before
 * and 99.9 s after these changes (dry run 11.2 s before, 2.8 s after): the run is CPU-bound on 2 cores, so removing
 * the lock bought no throughput here. The goal of one minute is not reached on this machine.
 *
 * <p>Jobs are durable ({@link ImportJobStore}, tables {@code import_job} and {@code import_job_row}): each batch's
 * outcomes are written in the batch's own transaction, so progress and outcomes are what is committed, on every node
 * and after a restart. While this node runs a job it renews the job's heartbeat every {@link #HEARTBEAT}; a job whose
 * heartbeat is older than {@link #INTERRUPTED_AFTER} reads as interrupted (its node stopped before the last row), and
 * running the same file again finishes what was left, the rows already done planning as unchanged. Jobs are
 * forgotten {@link #KEPT} after they end.
 */
@Component
public class ImportJobs {
    public static final Duration KEPT = Duration.ofHours(6);
    /** How often the node running a job says it is alive. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(10);
    /** A running job not heard of for this long is interrupted: six heartbeats missed, not a busy moment. */
    public static final Duration INTERRUPTED_AFTER = Duration.ofMinutes(1);
    static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);
    public static final int WORKERS = 4;
    /** Rows per unit of work: 50 rows are about 200 events, one commit instead of 50 (each row is 4 events). */
    public static final int BATCH = 50;
    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final RegistryController registry;
    private final MeterController meters;
    private final AccountCommandController accounts;
    private final ObjectProvider<OccupantContactController> contacts;
    private final Forms forms;
    private final TransactionManager transactions;
    private final ImportJobStore store;
    private final TariffReader tariffs;
    private final java.util.concurrent.ScheduledExecutorService heartbeats =
            Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "import-heartbeat");
                thread.setDaemon(true);
                return thread;
            });
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
                      TransactionManager transactions, ImportJobStore store, TariffReader tariffs) {
        this.transactions = transactions;
        this.tariffs = tariffs;
        this.store = store;
        heartbeats.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        this.registry = registry;
        this.meters = meters;
        this.accounts = accounts;
        this.contacts = contacts;
        this.forms = forms;
    }

    /** RUNNING while a node carries it out, FINISHED after the last row, INTERRUPTED when its node stopped first. */
    public enum Status { RUNNING, FINISHED, INTERRUPTED }

    /**
     * A row's outcome: DONE (with what was done), UNCHANGED, REFUSED (by the plan) or FAILED (while running). A
     * refused or failed row's {@code rule} and English {@code detail} are the API's; its {@code figures} (the ids and
     * limits the detail names, in the order the rule's texts place them) let a page word the rule in its reader's
     * language. {@code figures} is null for a row recorded before they were kept (V260): only its English is known.
     */
    public record RowOutcome(int row, String unitId, String outcome, List<Step> steps, String rule, String detail,
                             List<Object> figures) {
        public RowOutcome {
            figures = figures == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(figures));
        }

        /** An outcome whose detail names no figure (done, unchanged, or a rule said without one). */
        public RowOutcome(int row, String unitId, String outcome, List<Step> steps, String rule, String detail) {
            this(row, unitId, outcome, steps, rule, detail, List.of());
        }
    }

    public record JobView(String jobId, String fileSha256, Status status, int total, int processed, int done,
                          int unchanged, int refused, int failed, Instant startedAt, Instant finishedAt,
                          List<RowOutcome> rows) {
        /** The view of a job whose rows so far have these outcomes (in row order). */
        static JobView of(String jobId, String sha, Status status, int total, List<RowOutcome> rows,
                          Instant startedAt, Instant finishedAt) {
            int done = 0;
            int unchanged = 0;
            int refused = 0;
            int failed = 0;
            for (RowOutcome outcome : rows) {
                switch (outcome.outcome()) {
                    case "DONE" -> done++;
                    case "UNCHANGED" -> unchanged++;
                    case "REFUSED" -> refused++;
                    default -> failed++;
                }
            }
            return new JobView(jobId, sha, status, total, rows.size(), done, unchanged, refused, failed, startedAt,
                    finishedAt, List.copyOf(rows));
        }
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
        TenantContext.callAs(tenant, () -> store.forget(tenant, Instant.now().minus(KEPT)));
        Job job = new Job(UUID.randomUUID().toString(), tenant, plan.fileSha256(), plan.rows());
        TenantContext.callAs(tenant, () -> {
            store.begin(tenant, job.id, job.sha, job.plans.size(),
                    com.meterledger.edge.security.Caller.actor().map(a -> a.id()).orElse(null), job.startedAt);
            return null;
        });
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
                } catch (RuntimeException | Error e) {
                    // no heartbeat any more: the job reads as interrupted, and the file can be run again
                    log.error("Import {} of tenant {} stopped: a worker failed", job.id, job.tenant, e);
                    jobs.remove(job.id);
                    throw e;
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
        TenantContext.callAs(job.tenant, () -> {
            store.finish(job.tenant, job.id, job.finishedAt);
            return null;
        });
        jobs.remove(job.id);
        long millis = Duration.between(job.startedAt, job.finishedAt).toMillis();
        log.info("Import {} of tenant {}: {} rows in {} ms ({} rows/s)", job.id, job.tenant, job.plans.size(), millis,
                millis == 0 ? job.plans.size() : job.plans.size() * 1000L / millis);
    }

    /** The job as any node sees it: what its batches committed, with every row's outcome. */
    public Optional<JobView> view(TenantId tenant, String jobId) {
        return TenantContext.callAs(tenant, () -> store.view(tenant, jobId, Instant.now(), INTERRUPTED_AFTER, true));
    }

    /** The job's status and counts as any node sees them, without the rows (for polling a long job). */
    public Optional<JobView> progress(TenantId tenant, String jobId) {
        return TenantContext.callAs(tenant, () -> store.view(tenant, jobId, Instant.now(), INTERRUPTED_AFTER, false));
    }

    /** Renews the heartbeat of the jobs this node is running. */
    private void beat() {
        Instant now = Instant.now();
        for (Job job : jobs.values()) {
            try {
                TenantContext.callAs(job.tenant, () -> {
                    store.heartbeat(job.tenant, job.id, now);
                    return null;
                });
            } catch (RuntimeException e) {
                log.warn("Heartbeat of import {} not written", job.id, e);
            }
        }
    }

    /**
     * Rows' outcomes are committed (with the batch whose effects they describe, or in their own transaction): they
     * count as processed, and the last one ends the job.
     */
    private void settled(Job job, Map<Integer, RowOutcome> outcomes) {
        outcomes.forEach((index, outcome) -> job.outcomes.set(index, outcome));
        if (!outcomes.isEmpty() && job.processed.addAndGet(outcomes.size()) == job.plans.size()) {
            finish(job);
        }
    }

    /** Writes outcomes that no batch's transaction carries (refused, unchanged, failed rows; contacts set later). */
    private void settleApart(Job job, Map<Integer, RowOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        TenantContext.callAs(job.tenant, () -> {
            transactions.executeInTransaction(() -> store.record(job.tenant, job.id, List.copyOf(outcomes.values()),
                    Instant.now()));
            return null;
        });
        settled(job, outcomes);
    }

    /**
     * Carries out the rows of a batch, in one unit of work when they all succeed, else one by one; settles every row
     * but those whose contact is still to be set, which it answers with their outcome so far (the steps done). The
     * outcomes of the rows a unit of work carried out are written in it, so they commit or roll back with the rows.
     */
    private Map<Integer, RowOutcome> carryOut(Job job, List<Integer> batch, Instant now) {
        Map<Integer, RowOutcome> known = new LinkedHashMap<>();
        List<Integer> toRun = new ArrayList<>();
        for (int index : batch) {
            RowPlan plan = job.plans.get(index);
            ImportRow row = plan.values();
            if (!plan.valid()) {
                ImportPlan.ImportError first = plan.errors().getFirst();
                known.put(index, new RowOutcome(plan.row(), row == null ? null : row.unitId(), "REFUSED", List.of(),
                        first.rule(), first.column() + ": " + first.message(), first.figures()));
            } else if (plan.unchanged()) {
                known.put(index, new RowOutcome(plan.row(), row.unitId(), "UNCHANGED", plan.steps(), null, null));
            } else {
                toRun.add(index);
            }
        }
        if (toRun.size() > 1) {
            Map<Integer, RowOutcome> outcomes = new LinkedHashMap<>(known);
            Map<Integer, RowOutcome> contactsDue = new LinkedHashMap<>();
            try {
                inOneUnitOfWork(job.tenant, () -> {
                    // the batch's tariffs are confirmed current by one look-up, not one per account opened
                    tariffs.confirm(toRun.stream().map(index -> job.plans.get(index).values().tariffId())
                            .filter(java.util.Objects::nonNull).distinct().map(TariffId::new).toList());
                    for (int index : toRun) {
                        classify(job, index, steps(job.tenant, job.plans.get(index), now), outcomes, contactsDue);
                    }
                    store.record(job.tenant, job.id, List.copyOf(outcomes.values()), Instant.now());
                });
                settled(job, outcomes);
                return contactsDue;
            } catch (RuntimeException e) {
                log.debug("Import batch of {} rows rolled back; its rows run one by one", toRun.size(), e);
            }
        }
        settleApart(job, known);
        Map<Integer, RowOutcome> contactsDue = new LinkedHashMap<>();
        for (int index : toRun) {
            RowPlan plan = job.plans.get(index);
            Map<Integer, RowOutcome> outcome = new LinkedHashMap<>();
            Map<Integer, RowOutcome> contactDue = new LinkedHashMap<>();
            try {
                inOneUnitOfWork(job.tenant, () -> {
                    classify(job, index, steps(job.tenant, plan, now), outcome, contactDue);
                    store.record(job.tenant, job.id, List.copyOf(outcome.values()), Instant.now());
                });
            } catch (RuntimeException e) {
                settleApart(job, Map.of(index, failed(plan, e)));
                continue;
            }
            settled(job, outcome);
            contactsDue.putAll(contactDue);
        }
        return contactsDue;
    }

    /** A row carried out is done, or waits for its contact when its account was opened before. */
    private static void classify(Job job, int index, List<Step> steps, Map<Integer, RowOutcome> outcomes,
                                 Map<Integer, RowOutcome> contactsDue) {
        RowPlan plan = job.plans.get(index);
        RowOutcome outcome = new RowOutcome(plan.row(), plan.values().unitId(), "DONE", steps, null, null);
        if (plan.steps().contains(Step.SET_CONTACT) && !steps.contains(Step.SET_CONTACT)) {
            contactsDue.put(index, outcome);
        } else {
            outcomes.put(index, outcome);
        }
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
        Map<Integer, RowOutcome> outcomes = new LinkedHashMap<>();
        for (int index : rows) {
            RowOutcome outcome = pending.get(index);
            List<Step> steps = new ArrayList<>(outcome.steps());
            try {
                if (!together) {
                    setContact(job.tenant, job.plans.get(index).values());
                }
                steps.add(Step.SET_CONTACT);
                outcomes.put(index, new RowOutcome(outcome.row(), outcome.unitId(), "DONE", steps, null, null));
            } catch (RuntimeException e) {
                RowOutcome refused = failed(job.plans.get(index), e);
                outcomes.put(index, new RowOutcome(outcome.row(), outcome.unitId(), "FAILED", steps, refused.rule(),
                        refused.detail()));
            }
        }
        settleApart(job, outcomes);
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
        kept.values().removeIf(file -> file.at().isBefore(before));
    }
}
