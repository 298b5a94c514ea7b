package com.meterledger.query.audit;

import com.meterledger.api.shared.TenantId;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** The balance of an account as of an instant, replayed from the event store, beside what the projection shows. */
@Service
public class PointInTimeBalance {
    private static final Executor BESIDE_THE_REPLAY = Executors.newVirtualThreadPerTaskExecutor();
    private final AccountReplay replay;
    private final AuditQueries projection;

    public PointInTimeBalance(AccountReplay replay, AuditQueries projection) {
        this.replay = replay;
        this.projection = projection;
    }

    /**
     * @param balanceMinor      replayed from the events: Σ money in − Σ money out over the replayed events
     * @param eventsRead        events of the account's stream replayed (stamped at or before {@code at})
     * @param eventsApplied     of those, the money events that moved the balance
     * @param lastSequence      sequence of the last replayed event (-1: the account did not exist yet)
     * @param projection        what account-projection shows, now and as of {@code at}; null if it has no row yet
     */
    public record Answer(String accountId, Instant at, String currency, long balanceMinor, long creditsMinor,
                         long debitsMinor, int eventsRead, int eventsApplied, long lastSequence, Instant lastEventAt,
                         int balanceAfterMismatches, Map<String, Integer> eventsByType, ProjectionSide projection,
                         double replayMillis, String explanation) {
    }

    /**
     * @param currentBalanceMinor account_view's balance now
     * @param ledgerLines         the account's ledger lines now
     * @param balanceAtMinor      balance after the projection's last ledger line booked at or before {@code at}
     * @param ledgerLinesAt       ledger lines booked at or before {@code at}
     * @param agreesAt            whether the projection's balance as of {@code at} equals the replay
     */
    public record ProjectionSide(long currentBalanceMinor, long lastSequence, long ledgerLines, Long balanceAtMinor,
                                 long ledgerLinesAt, boolean agreesAt) {
    }

    /** The projection's side is read while the events are replayed: the two never wait for each other. */
    private record Projection(AuditQueries.Projected now, AuditQueries.ProjectedAt then) {
    }

    public Answer at(TenantId tenant, String accountId, Instant at) {
        CompletableFuture<Optional<Projection>> projected = CompletableFuture.supplyAsync(() ->
                projection.account(tenant, accountId).map(now -> new Projection(now,
                        projection.at(tenant, accountId, at))), BESIDE_THE_REPLAY);
        long began = System.nanoTime();
        AccountReplay.Result result = replay.replay(tenant, accountId, AccountReplay.Limit.until(at));
        double millis = (System.nanoTime() - began) / 1e6;
        ProjectionSide side = projected.join().map(both -> {
            long projectedAt = both.then().balanceMinor() == null ? 0 : both.then().balanceMinor();
            return new ProjectionSide(both.now().balanceMinor(), both.now().lastSequence(), both.now().ledgerLines(),
                    both.then().balanceMinor(), both.then().ledgerLines(), projectedAt == result.balanceMinor());
        }).orElse(null);
        String explanation = result.eventsRead() == 0
                ? "The account was opened after " + at + " (its first event is later): no balance yet, 0."
                : ("Replayed events 0.." + result.lastSequence() + " of account " + accountId + " from the event store"
                + " (not a projection, not a snapshot): " + result.eventsRead() + " events stamped at or before " + at
                + ", of which " + result.eventsApplied() + " moved money: " + result.creditsMinor() + " in − "
                + result.debitsMinor() + " out = " + result.balanceMinor() + " " + result.currency()
                + " minor units. " + (result.balanceAfterMismatches() == 0
                ? "Every money event's stated balanceAfter agrees with the running sum."
                : result.balanceAfterMismatches() + " money events state a different balanceAfter, first at sequence "
                + result.firstMismatchSequence() + "."));
        return new Answer(accountId, at, result.currency(), result.balanceMinor(), result.creditsMinor(),
                result.debitsMinor(), result.eventsRead(), result.eventsApplied(), result.lastSequence(),
                result.lastEventAt(), result.balanceAfterMismatches(), result.byEventType(), side, millis, explanation);
    }
}
