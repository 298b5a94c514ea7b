package com.meterledger.query.audit;

import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.BalanceRefunded;
import com.meterledger.api.account.BalanceTransferredIn;
import com.meterledger.api.account.BalanceTransferredOut;
import com.meterledger.api.account.ConsumptionCharged;
import com.meterledger.api.account.DebtRecovered;
import com.meterledger.api.account.EmergencyCreditGranted;
import com.meterledger.api.account.EmergencyCreditRepaid;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * Recomputes an account's balance from its own event stream, straight from the event store: Σ money in − Σ money out,
 * each event's amount applied in sequence order. It never reads a projection and never starts from a snapshot
 * ({@code readEvents(id, 0)}; {@code readEvents(id)} would begin at the aggregate's latest snapshot, i.e. trust state
 * the aggregate wrote about itself). Each money event also states the balance the aggregate computed
 * ({@code balanceAfter}); the replay checks it against its own running sum and counts disagreements.
 */
@Component
public class AccountReplay {
    /** Money events: one ledger line each in account-projection. */
    static final Set<Class<?>> MONEY_EVENTS = Set.of(AccountCredited.class, ConsumptionCharged.class,
            EmergencyCreditGranted.class, EmergencyCreditRepaid.class, DebtRecovered.class, BalanceRefunded.class,
            BalanceTransferredOut.class, BalanceTransferredIn.class);

    private final EventStore eventStore;

    public AccountReplay(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * What a replay found.
     *
     * @param eventsRead            events of the stream read (the replayed prefix)
     * @param eventsApplied         money events whose amount moved the balance
     * @param lastSequence          sequence of the last replayed event, -1 when none
     * @param lastMoneySequence     sequence of the last replayed money event, -1 when none
     * @param lastEventAt           timestamp of the last replayed event
     * @param balanceAfterMismatches money events whose stated balanceAfter differs from the running sum
     * @param firstMismatchSequence sequence of the first such event, or null
     * @param byEventType           events read per type (simple class name)
     */
    public record Result(String accountId, String tenantId, String currency, Instant openedAt, long balanceMinor,
                         long creditsMinor, long debitsMinor, int eventsRead, int eventsApplied, long lastSequence,
                         long lastMoneySequence, Instant lastEventAt, int balanceAfterMismatches,
                         Long firstMismatchSequence, Map<String, Integer> byEventType) {
    }

    /** How far to replay: events stamped at or before {@code at}, and/or up to sequence {@code maxSequence}. */
    public record Limit(Instant at, long maxSequence) {
        public static final Limit ALL = new Limit(null, Long.MAX_VALUE);

        public static Limit until(Instant at) {
            return new Limit(at, Long.MAX_VALUE);
        }

        public static Limit upToSequence(long sequence) {
            return new Limit(null, sequence);
        }

        boolean includes(DomainEventMessage<?> event) {
            return event.getSequenceNumber() <= maxSequence && (at == null || !event.getTimestamp().isAfter(at));
        }
    }

    /**
     * Replays the prefix of the account's stream up to the first event beyond the limit, so the result is a state the
     * account really was in. The stream must begin with this tenant's {@code AccountOpened}; any other account id,
     * including another tenant's, is not found.
     */
    public Result replay(TenantId tenant, String accountId, Limit limit) {
        DomainEventStream stream = eventStore.readEvents(accountId, 0);
        if (!stream.hasNext()) {
            throw new NotFound("account", accountId);
        }
        DomainEventMessage<?> first = stream.next();
        if (!AccountOpened.class.equals(first.getPayloadType())
                || !tenant.sameAs(String.valueOf(first.getMetaData().get(TENANT)))) {
            throw new NotFound("account", accountId);
        }
        AccountOpened opened = (AccountOpened) first.getPayload();
        Map<String, Integer> byType = new LinkedHashMap<>();
        long balance = 0;
        long credits = 0;
        long debits = 0;
        int read = 0;
        int applied = 0;
        long lastSequence = -1;
        long lastMoneySequence = -1;
        Instant lastEventAt = null;
        int mismatches = 0;
        Long firstMismatch = null;
        DomainEventMessage<?> event = first;
        while (event != null && limit.includes(event)) {
            read++;
            lastSequence = event.getSequenceNumber();
            lastEventAt = event.getTimestamp();
            byType.merge(event.getPayloadType().getSimpleName(), 1, Integer::sum);
            if (MONEY_EVENTS.contains(event.getPayloadType())) {
                Movement movement = movement(event.getPayload());
                balance = Math.addExact(balance, movement.signedAmount());
                if (movement.signedAmount() >= 0) {
                    credits += movement.signedAmount();
                } else {
                    debits -= movement.signedAmount();
                }
                applied++;
                lastMoneySequence = event.getSequenceNumber();
                if (movement.balanceAfter() != balance) {
                    mismatches++;
                    if (firstMismatch == null) {
                        firstMismatch = event.getSequenceNumber();
                    }
                }
            }
            event = stream.hasNext() ? stream.next() : null;
        }
        return new Result(accountId, tenant.value(), opened.currency().getCurrencyCode(), opened.openedAt(), balance,
                credits, debits, read, applied, lastSequence, lastMoneySequence, lastEventAt, mismatches,
                firstMismatch, byType);
    }

    private record Movement(long signedAmount, long balanceAfter) {
        static Movement in(Money amount, Money after) {
            return new Movement(amount.minorUnits(), after.minorUnits());
        }

        static Movement out(Money amount, Money after) {
            return new Movement(-amount.minorUnits(), after.minorUnits());
        }
    }

    private static Movement movement(Object payload) {
        return switch (payload) {
            case AccountCredited e -> Movement.in(e.amount(), e.balanceAfter());
            case BalanceTransferredIn e -> Movement.in(e.amount(), e.balanceAfter());
            case EmergencyCreditGranted e -> Movement.in(e.amount(), e.balanceAfter());
            case ConsumptionCharged e -> Movement.out(e.amount(), e.balanceAfter());
            case EmergencyCreditRepaid e -> Movement.out(e.amount(), e.balanceAfter());
            case DebtRecovered e -> Movement.out(e.amount(), e.balanceAfter());
            case BalanceRefunded e -> Movement.out(e.amount(), e.balanceAfter());
            case BalanceTransferredOut e -> Movement.out(e.amount(), e.balanceAfter());
            default -> throw new IllegalStateException("not a money event: " + payload.getClass().getName());
        };
    }
}
