package com.meterledger.query.audit;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.TenantId;
import com.meterledger.query.account.AccountProjection;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares, account by account, what account-projection shows with a replay of the account's events from the event
 * store, and reports drift: balances, ledger line counts or ledger sums that differ, projection rows the store does
 * not back, and accounts of the store that the projection lacks. A projection that is merely behind (eventual
 * consistency: the store has money events after the projection's last sequence) is reported as lagging and compared
 * at its own position, so a busy system does not raise false alarms.
 * <p>
 * A projection that stays behind on one account while the others move on is usually blocked by a dead letter: an
 * event of that account the projection could not handle, parked with the account's later events behind it. Such an
 * account's finding names the letter ({@code blockedBy}), which platform operators inspect and retry
 * ({@link DeadLetterController}).
 */
@Service
public class Reconciliation {
    public static final int DEFAULT_PAGE = 500;
    public static final int MAX_PAGE = 5_000;

    private final AuditQueries projection;
    private final AccountReplay replay;
    private final DeadLetters deadLetters;

    public Reconciliation(AuditQueries projection, AccountReplay replay, DeadLetters deadLetters) {
        this.projection = projection;
        this.replay = replay;
        this.deadLetters = deadLetters;
    }

    public enum Status { OK, LAGGING, DRIFT }

    /**
     * One account whose numbers differ (or lag), with both sides' values.
     *
     * @param blockedBy the dead letter of account-projection that holds the account's events back; null when none
     */
    public record AccountCheck(String accountId, Status status, List<String> differences, long projectedBalanceMinor,
                               long replayedBalanceMinor, long projectedLedgerLines, long replayedMoneyEvents,
                               long projectedLedgerSumMinor, long projectedLastSequence, long storeLastMoneySequence,
                               int balanceAfterMismatches, DeadLetters.BlockedBy blockedBy) {
    }

    /**
     * @param accountsChecked   projection rows compared in this page
     * @param missingFromProjection accounts of this tenant in the event store without a projection row (checked on
     *                          the first page only: it scans the store's AccountOpened events)
     * @param nextAfter         pass as {@code after} for the next page; null when this was the last
     */
    public record Report(String tenantId, Instant checkedAt, long durationMillis, int accountsChecked, int ok,
                         int lagging, int drifted, List<AccountCheck> findings, List<String> missingFromProjection,
                         String nextAfter) {
    }

    public Report reconcile(TenantId tenant, String after, Integer limit) {
        int pageSize = limit == null ? DEFAULT_PAGE : limit;
        if (pageSize < 1 || pageSize > MAX_PAGE) {
            throw new RuleViolation("page-size-out-of-range", "limit must be between 1 and " + MAX_PAGE, MAX_PAGE);
        }
        long began = System.nanoTime();
        Instant checkedAt = Instant.now();
        List<AuditQueries.Projected> page = projection.accounts(tenant, after, pageSize);
        List<AccountCheck> findings = new ArrayList<>();
        int ok = 0;
        int lagging = 0;
        for (AuditQueries.Projected projected : page) {
            AccountCheck check = check(tenant, projected);
            switch (check.status()) {
                case OK -> ok++;
                case LAGGING -> {
                    lagging++;
                    findings.add(check);
                }
                case DRIFT -> findings.add(check);
            }
        }
        List<String> missing = after == null ? projection.missingFromProjection(tenant) : List.of();
        String nextAfter = page.size() == pageSize ? page.getLast().accountId() : null;
        int drifted = (int) findings.stream().filter(f -> f.status() == Status.DRIFT).count();
        return new Report(tenant.value(), checkedAt, Duration.ofNanos(System.nanoTime() - began).toMillis(),
                page.size(), ok, lagging, drifted, findings, missing, nextAfter);
    }

    AccountCheck check(TenantId tenant, AuditQueries.Projected projected) {
        AccountReplay.Result full;
        try {
            full = replay.replay(tenant, projected.accountId(), AccountReplay.Limit.ALL);
        } catch (NotFound e) {
            return new AccountCheck(projected.accountId(), Status.DRIFT,
                    List.of("projection row without an AccountOpened event of this tenant in the store"),
                    projected.balanceMinor(), 0, projected.ledgerLines(), 0, projected.ledgerSumMinor(),
                    projected.lastSequence(), -1, 0, blockedBy(projected.accountId()));
        }
        Status status = Status.OK;
        AccountReplay.Result compared = full;
        long storeLast = Math.max(full.lastMoneySequence(), 0);
        if (full.lastMoneySequence() > projected.lastSequence()) {
            status = Status.LAGGING;
            compared = replay.replay(tenant, projected.accountId(),
                    AccountReplay.Limit.upToSequence(projected.lastSequence()));
        }
        List<String> differences = new ArrayList<>();
        if (full.lastMoneySequence() >= 0 && projected.lastSequence() > storeLast) {
            differences.add("projection's last sequence " + projected.lastSequence()
                    + " is beyond the store's last money event " + full.lastMoneySequence());
        }
        if (projected.balanceMinor() != compared.balanceMinor()) {
            differences.add("balance: projection " + projected.balanceMinor() + ", replay " + compared.balanceMinor());
        }
        if (projected.ledgerLines() != compared.eventsApplied()) {
            differences.add("ledger lines: projection " + projected.ledgerLines() + ", money events in the store "
                    + compared.eventsApplied());
        }
        if (projected.ledgerSumMinor() != compared.balanceMinor()) {
            differences.add("sum of ledger lines " + projected.ledgerSumMinor() + " differs from the replayed balance "
                    + compared.balanceMinor());
        }
        if (full.balanceAfterMismatches() > 0) {
            differences.add(full.balanceAfterMismatches() + " events state a balanceAfter that differs from the"
                    + " replayed sum, first at sequence " + full.firstMismatchSequence());
        }
        if (!differences.isEmpty()) {
            status = Status.DRIFT;
        }
        return new AccountCheck(projected.accountId(), status, differences, projected.balanceMinor(),
                compared.balanceMinor(), projected.ledgerLines(), compared.eventsApplied(), projected.ledgerSumMinor(),
                projected.lastSequence(), full.lastMoneySequence(), full.balanceAfterMismatches(),
                status == Status.OK ? null : blockedBy(projected.accountId()));
    }

    /** account-projection parks an account's events under the account's id (AccountProjectionSequencing). */
    private DeadLetters.BlockedBy blockedBy(String accountId) {
        return deadLetters.blocking(AccountProjection.PROCESSING_GROUP, accountId).orElse(null);
    }
}
