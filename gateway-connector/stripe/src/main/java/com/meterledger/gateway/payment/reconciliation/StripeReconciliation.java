package com.meterledger.gateway.payment.reconciliation;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.gateway.payment.ConnectedAccounts;
import com.meterledger.gateway.payment.PaymentsNotReady;
import com.meterledger.gateway.payment.StripeGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reconciles a tenant's day at Stripe with our ledger, the day on the tenant's clock ({@link ReconciliationDay}: its
 * time-zone setting, UTC for a tenant without one): pulls the connected account's balance transactions and
 * payouts (every page) through the port, matches them ({@link ReconciliationMatcher}) and stores the run. Stripe is
 * called outside any database transaction. {@link #report} is the read side for the API, the export and the web UI.
 */
public class StripeReconciliation {
    private static final Logger log = LoggerFactory.getLogger(StripeReconciliation.class);

    private final StripeGateway stripe;
    private final ConnectedAccounts accounts;
    private final ReconciliationStore store;
    private final Clock clock;
    private final Function<TenantId, ZoneId> zones;

    /** @param zones the tenant's time zone (its setting), asked at each run so a change is in force at once */
    public StripeReconciliation(StripeGateway stripe, ConnectedAccounts accounts, ReconciliationStore store, Clock clock,
                                Function<TenantId, ZoneId> zones) {
        this.stripe = stripe;
        this.accounts = accounts;
        this.store = store;
        this.clock = clock;
        this.zones = zones;
    }

    /** The zone the tenant's days are counted in. */
    public ZoneId zone(TenantId tenant) {
        return zones.apply(tenant);
    }

    /** Yesterday on the tenant's clock: the day its finance page opens on and the nightly job reconciles. */
    public LocalDate yesterday(TenantId tenant) {
        return ReconciliationDay.yesterday(clock, zone(tenant)).date();
    }

    public ReconciliationReport run(TenantId tenant, LocalDate date, String actor) {
        ReconciliationDay day = new ReconciliationDay(date, zone(tenant));
        if (day.inTheFuture(clock)) {
            throw new IllegalArgumentException("a day in the future cannot be reconciled: " + date);
        }
        String account = accounts.find(tenant).orElseThrow(() -> new PaymentsNotReady(
                "this tenant has no connected Stripe account to reconcile")).id();
        Instant from = day.from();
        Instant to = day.to();
        List<StripeGateway.BalanceLine> transactions = stripe.balanceTransactions(account, from, to);
        List<StripeGateway.PayoutLine> payouts = stripe.payouts(account, from, to);
        List<String> intents = transactions.stream().map(StripeGateway.BalanceLine::paymentIntentId)
                .filter(Objects::nonNull).distinct().toList();
        List<LedgerPayment> ledger = store.ledger(tenant, account, intents, from, to);
        Map<String, LedgerPayment> byIntent = ledger.stream().filter(p -> p.paymentIntentId() != null)
                .collect(Collectors.toMap(LedgerPayment::paymentIntentId, Function.identity(), (a, b) -> a));
        List<LedgerPayment> creditedThatDay = ledger.stream().filter(p -> p.succeededAt() != null
                && !p.succeededAt().isBefore(from) && p.succeededAt().isBefore(to)).toList();
        store.save(tenant, date, day.zone(), actor,
                ReconciliationMatcher.match(account, transactions, payouts, byIntent, creditedThatDay));
        return report(tenant, date);
    }

    /** The newest run of the day; 404 when the day was never reconciled. */
    public ReconciliationReport report(TenantId tenant, LocalDate date) {
        return store.latest(tenant, date).orElseThrow(() -> new NotFound("reconciliation run", date));
    }

    /**
     * The daily job: every tenant with a connected account, one at a time, each for its own yesterday; one tenant's
     * failure stops no other.
     */
    public void runAll() {
        for (TenantId tenant : accounts.tenants()) {
            LocalDate date = null;
            try {
                date = yesterday(tenant);
                run(tenant, date, "scheduler");
            } catch (RuntimeException e) {
                log.warn("reconciliation of tenant {} for {} failed: {}", tenant, date, e.getMessage());
            }
        }
    }
}
