package com.meterledger.core.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.meterledger.api.account.AccountClosed;
import com.meterledger.api.account.AdjustBalance;
import com.meterledger.api.account.AdjustmentAwaitingApproval;
import com.meterledger.api.account.AdjustmentRejected;
import com.meterledger.api.account.ApproveAdjustment;
import com.meterledger.api.account.BalanceAdjusted;
import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.TariffAssigned;
import com.meterledger.api.account.BalanceDepleted;
import com.meterledger.api.account.BalanceRefunded;
import com.meterledger.api.account.BalanceTransferredIn;
import com.meterledger.api.account.BalanceTransferredOut;
import com.meterledger.api.account.ConsumptionCharged;
import com.meterledger.api.account.CreditPolicy;
import com.meterledger.api.account.CreditPolicySet;
import com.meterledger.api.account.DebtRecovered;
import com.meterledger.api.account.DebtRegistered;
import com.meterledger.api.account.EmergencyCreditGranted;
import com.meterledger.api.account.EmergencyCreditRepaid;
import com.meterledger.api.account.LowBalanceWarningReached;
import com.meterledger.api.account.OpenAccount;
import com.meterledger.api.account.PurchaseSequenceGapDetected;
import com.meterledger.api.account.ReconnectLevelReached;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.account.RefundBalance;
import com.meterledger.api.account.RegisterDebt;
import com.meterledger.api.account.SetCreditPolicy;
import com.meterledger.api.account.SetThresholds;
import com.meterledger.api.account.Settlement;
import com.meterledger.api.account.Thresholds;
import com.meterledger.api.account.ThresholdsSet;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.Reason;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.account.MeterReplaced;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.tariff.ChargeLine;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.tariff.TierCount;
import com.meterledger.api.tenant.PaymentLimits;
import com.meterledger.core.supply.AccountStanding;
import com.meterledger.core.tariff.ConsumptionDelta;
import com.meterledger.core.tariff.PricedConsumption;
import com.meterledger.core.tariff.TariffBreakdown;
import com.meterledger.core.tariff.TariffEngine;
import com.meterledger.core.tariff.TariffRounding;
import com.meterledger.core.tariff.TariffTimeline;
import com.meterledger.core.tariff.TierCounter;
import com.meterledger.api.shared.Money;
import com.meterledger.api.account.ReversePaymentCredit;
import com.meterledger.api.payment.RequestPayment;
import com.meterledger.core.settings.PaymentLimitsOf;
import com.meterledger.core.payment.Payment;
import com.meterledger.core.tenancy.TenantGuard;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.meterledger.api.shared.MetadataKeys.ACTOR;
import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/**
 * The prepaid account of one unit's supply: money in, consumption charged, balance in exact minor units. Every
 * balance change is checked against the account's levels; crossings are events that supply control and
 * notifications act on.
 */
@Aggregate(snapshotTriggerDefinition = "accountSnapshotTrigger", cache = "aggregateCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Account {
    /** Amounts above this are refused as absurd: ten million major units. */
    public static final long MAX_AMOUNT_MINOR_UNITS = 1_000_000_000L;

    @AggregateIdentifier
    private AccountId accountId;
    private String tenantId;
    private MeterId meterId;
    private Currency currency;
    private TariffId tariffId;
    /** Consumption counted towards the tiers of the current billing period (null before any tiered charge). */
    private TierCounter tierCounter;
    /** Standing charges are paid for every day before this one (in the tariff's zone). */
    private LocalDate standingChargedUntil;
    private Thresholds thresholds = Thresholds.standard();
    private CreditPolicy creditPolicy = CreditPolicy.none();
    private long balance;
    private BigDecimal carriedRemainder = BigDecimal.ZERO;
    private boolean depleted;
    private long emergencyCreditOutstanding;
    private boolean emergencyCreditUsed;
    private long debt;
    private long highestPurchaseSequence;
    private Set<Long> purchaseSequences = new HashSet<>();
    private Set<String> creditReferences = new HashSet<>();
    private boolean closed;

    private Map<String, AdjustmentAwaitingApproval> pendingAdjustments = new HashMap<>();
    private Set<String> adjustmentIds = new HashSet<>();

    protected Account() {
    }

    /** Move-in; {@code timeline} is the tariff's, already checked for tenant, utility, currency and a version in force. */
    public Account(OpenAccount command, TariffTimeline timeline, Instant now) {
        apply(new AccountOpened(command.accountId(), command.unitId(), command.meterId(), command.currency(),
                command.tariffId(), now, command.openingReadAt(), command.openingRegister(),
                command.openingReadAt().atZone(timeline.zone()).toLocalDate()));
    }

    /** @return true when credited, false when this reference was already credited (an idempotent no-op) */
    @CommandHandler
    public boolean handle(RecordTopUp command, @MetaDataValue(TENANT) String tenant) {
        requireOpen(tenant);
        Money amount = command.amount();
        requireOwnCurrency(amount);
        requireInRange(amount, "top-up", "top-up-out-of-range");
        if (command.reference() == null || command.reference().isBlank()) {
            throw new RuleViolation("top-up-reference-required", "a top-up needs its receipt or payment reference");
        }
        if (creditReferences.contains(command.reference())) {
            return false;
        }
        Long sequence = command.purchaseSequence();
        PurchaseSequence.refusalOf(sequence, purchaseSequences, accountId).ifPresent(refusal -> {
            throw refusal;
        });
        long before = balance;
        Optional<PurchaseSequence.Gap> gap = PurchaseSequence.gapBefore(sequence, highestPurchaseSequence);
        apply(new AccountCredited(accountId, amount, command.reference(), sequence, money(balance + amount.minorUnits()),
                GenericEventMessage.clock.instant()));
        gap.ifPresent(skipped -> apply(new PurchaseSequenceGapDetected(accountId, skipped.expected(),
                skipped.received())));
        long available = amount.minorUnits();
        if (emergencyCreditOutstanding > 0) {
            long repaid = Math.min(emergencyCreditOutstanding, available);
            available -= repaid;
            apply(new EmergencyCreditRepaid(accountId, money(repaid), money(balance - repaid)));
        }
        long recovered = DebtRecovery.share(available, debt, creditPolicy);
        if (recovered > 0) {
            apply(new DebtRecovered(accountId, money(recovered), money(debt - recovered), money(balance - recovered)));
        }
        checkLevels(before);
        return true;
    }

    /**
     * A payment onto this account through Stripe: accepted when the account is open, in the caller's tenant, the
     * amount in its currency and within the tenant's payment limits; the account then creates the payment.
     *
     * @return the payment's id
     */
    @CommandHandler
    public String handle(RequestPayment command, @MetaDataValue(TENANT) String tenant, PaymentLimitsOf limitsOf)
            throws Exception {
        requireOpen(tenant);
        requireOwnCurrency(command.amount());
        requireInRange(command.amount(), "payment", "payment-out-of-range");
        limitsOf.of(tenant).require(command.amount().minorUnits());
        Instant now = GenericEventMessage.clock.instant();
        createNew(Payment.class, () -> new Payment(command, now));
        return command.paymentId().value();
    }

    /** See {@link ReversePaymentCredit}. */
    @CommandHandler
    public void handle(ReversePaymentCredit command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireOwner(tenantId, tenant, "account", accountId);
        Money amount = command.amount();
        requireOwnCurrency(amount);
        requireInRange(amount, "payment reversal", "payment reversal-out-of-range");
        long before = balance;
        apply(new BalanceRefunded(accountId, amount, command.reason(), money(balance - amount.minorUnits())));
        checkLevels(before);
    }

    @CommandHandler
    public void handle(SetThresholds command, @MetaDataValue(TENANT) String tenant) {
        requireOpen(tenant);
        apply(new ThresholdsSet(accountId, command.thresholds()));
    }

    @CommandHandler
    public void handle(SetCreditPolicy command, @MetaDataValue(TENANT) String tenant) {
        requireOpen(tenant);
        apply(new CreditPolicySet(accountId, command.policy()));
    }

    @CommandHandler
    public void handle(RefundBalance command, @MetaDataValue(TENANT) String tenant) {
        requireOpen(tenant);
        requireOwnCurrency(command.amount());
        requireInRange(command.amount(), "refund", "refund-out-of-range");
        if (command.reason() == null || command.reason().isBlank()) {
            throw new RuleViolation("refund-reason-required", "a refund needs a reason");
        }
        if (command.amount().minorUnits() > balance) {
            throw new RuleViolation("refund-exceeds-balance",
                    "a refund of " + command.amount().minorUnits() + " exceeds the balance of " + balance,
                    command.amount().minorUnits(), balance);
        }
        long before = balance;
        apply(new BalanceRefunded(accountId, command.amount(), command.reason(),
                money(balance - command.amount().minorUnits())));
        checkLevels(before);
    }

    @CommandHandler
    public void handle(RegisterDebt command, @MetaDataValue(TENANT) String tenant) {
        requireOpen(tenant);
        requireOwnCurrency(command.amount());
        requireInRange(command.amount(), "debt", "debt-out-of-range");
        if (command.reason() == null || command.reason().isBlank()) {
            throw new RuleViolation("debt-reason-required", "registering a debt needs a reason");
        }
        apply(new DebtRegistered(accountId, command.amount(), command.reason(),
                money(debt + command.amount().minorUnits())));
    }

    /**
     * Prices an accepted reading with the account's tariff: the consumption over the reading interval (previous
     * reading to this one) with the version(s) in force over it, the tiers counted in the billing period so far and the
     * remainder carried, plus the standing charge of every day that has started since the last one charged (prepaid:
     * a day is owed once it begins). One event explains it all, line by line.
     *
     * @param timeline the versions of the account's tariff (the caller loaded it, tenant- and utility-checked)
     */
    public void chargeConsumption(ReadingRecorded reading, TariffTimeline timeline) {
        if (!reading.meterId().equals(meterId)) {
            throw new IllegalStateException("meter " + reading.meterId() + " does not supply account " + accountId);
        }
        Instant from = reading.previousReadAt() != null ? reading.previousReadAt() : reading.readAt();
        ConsumptionDelta delta = reading.registerConsumption().isEmpty()
                ? ConsumptionDelta.total(from, reading.readAt(), reading.consumption())
                : ConsumptionDelta.perRegister(from, reading.readAt(), reading.registerConsumption());
        List<ChargeLine> lines = new ArrayList<>();
        TierCounter counterAfter = tierCounter;
        if (delta.quantity().signum() > 0) {
            PricedConsumption priced = TariffEngine.price(timeline, delta, tierCounter);
            lines.addAll(priced.breakdown().lines());
            counterAfter = priced.counterAfter();
        }
        LocalDate standingUntil = standingChargedUntil;
        LocalDate dueUntil = reading.readAt().atZone(timeline.zone()).toLocalDate().plusDays(1);
        if (standingUntil == null || dueUntil.isAfter(standingUntil)) {
            LocalDate first = standingUntil == null ? dueUntil.minusDays(1) : standingUntil;
            TariffBreakdown standing = TariffEngine.standingCharge(timeline, first, dueUntil);
            standing.lines().stream().filter(line -> line.amount().signum() > 0).forEach(lines::add);
            standingUntil = dueUntil;
        }
        if (lines.isEmpty()) {
            return;
        }
        BigDecimal exact = lines.stream().map(ChargeLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        TariffRounding.RoundedCharge rounded = TariffRounding.roundWithCarry(exact, carriedRemainder);
        long before = balance;
        apply(new ConsumptionCharged(accountId, meterId, tariffId, from, reading.readAt(), delta.quantity(),
                delta.registers(), lines, exact, money(rounded.minorUnits()), rounded.remainderCarried(),
                count(counterAfter), standingUntil, money(balance - rounded.minorUnits())));
        checkLevels(before);
    }

    /** Prices the account by another tariff from its latest reading on (checked by the caller); same tariff: no-op. */
    public void assignTariff(TariffId tariff, Instant appliesFrom, String tenant, Instant now) {
        requireOpen(tenant);
        if (tariff.equals(tariffId)) {
            return;
        }
        apply(new TariffAssigned(accountId, tariffId, tariff, appliesFrom, now));
    }

    /**
     * Meter replacement, after the old meter's final reading was charged: the account is supplied through the new
     * meter from its opening reading on; tariff, tier counter, carried remainder and balance continue.
     */
    public void replaceMeter(MeterId oldMeter, Instant oldFinalReadAt, BigDecimal oldFinalRegister, MeterId newMeter,
                             Instant newOpeningReadAt, BigDecimal newOpeningRegister, String tenant) {
        requireOpen(tenant);
        if (!oldMeter.equals(meterId)) {
            throw new RuleViolation("replaced-meter-not-the-accounts",
                    "account " + accountId + " is supplied through meter " + meterId + ", not " + oldMeter);
        }
        apply(new MeterReplaced(accountId, oldMeter, oldFinalReadAt, oldFinalRegister, newMeter, newOpeningReadAt,
                newOpeningRegister, depleted));
    }

    public TariffId tariffId() {
        return tariffId;
    }

    private static TierCount count(TierCounter counter) {
        return counter == null ? null : new TierCount(counter.period(), counter.periodStart(), counter.counted());
    }

    public String tenantId() {
        return tenantId;
    }

    public boolean depleted() {
        return depleted;
    }

    /** The account as supply control judges it now. */
    public AccountStanding standing() {
        return new AccountStanding(accountId, balance, thresholds.cutOff(), thresholds.reconnect(), depleted, !closed);
    }

    public MeterId meterId() {
        return meterId;
    }

    public Currency currency() {
        return currency;
    }

    /**
     * A manual correction with its reason. Within the tenant's approval limit it applies at once; above it, it waits
     * for a second person.
     *
     * @return APPLIED or AWAITING_APPROVAL
     */
    @CommandHandler
    public String handle(AdjustBalance command, @MetaDataValue(TENANT) String tenant,
                         @MetaDataValue(ACTOR) String actor, AdjustmentApprovals approvals) {
        requireOpen(tenant);
        requireOwnCurrency(command.amount());
        long amount = command.amount().minorUnits();
        if (amount == 0 || Math.abs(amount) > MAX_AMOUNT_MINOR_UNITS) {
            throw new RuleViolation("adjustment-out-of-range",
                    "an adjustment must be non-zero and at most " + MAX_AMOUNT_MINOR_UNITS + " minor units either way",
                    MAX_AMOUNT_MINOR_UNITS);
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new RuleViolation("adjustment-reason-required", "an adjustment needs a reason");
        }
        if (command.adjustmentId() == null || command.adjustmentId().isBlank()
                || adjustmentIds.contains(command.adjustmentId())) {
            throw new RuleViolation("adjustment-id-used", "adjustment " + command.adjustmentId() + " already exists");
        }
        long limit = approvals.limitOf(tenant);
        if (FourEyes.onRequest(amount, limit) == FourEyes.Verdict.AWAIT_SECOND_PERSON) {
            apply(new AdjustmentAwaitingApproval(accountId, command.adjustmentId(), command.amount(), command.reason(),
                    actor, money(limit)));
            return "AWAITING_APPROVAL";
        }
        adjust(command.adjustmentId(), command.amount(), command.reason(), actor, null, null);
        return "APPLIED";
    }

    /** A second person's decision on a correction above the approval limit ({@link FourEyes}). */
    @CommandHandler
    public String handle(ApproveAdjustment command, @MetaDataValue(TENANT) String tenant,
                         @MetaDataValue(ACTOR) String actor) {
        requireOpen(tenant);
        AdjustmentAwaitingApproval pending = pendingAdjustments.get(command.adjustmentId());
        if (pending == null) {
            throw new NotFound("pending adjustment", command.adjustmentId());
        }
        FourEyes.refusalOfDecider(pending.requestedBy(), actor).ifPresent(refusal -> {
            throw refusal;
        });
        if (!command.approve()) {
            apply(new AdjustmentRejected(accountId, pending.adjustmentId(), actor, command.note()));
            return "REJECTED";
        }
        adjust(pending.adjustmentId(), pending.amount(), pending.reason(), pending.requestedBy(), actor,
                command.note());
        return "APPLIED";
    }

    private void adjust(String adjustmentId, Money amount, String reason, String requestedBy, String approvedBy,
                        String approvalNote) {
        long before = balance;
        apply(new BalanceAdjusted(accountId, adjustmentId, amount, reason, requestedBy, approvedBy,
                money(balance + amount.minorUnits()), approvalNote));
        checkLevels(before);
    }

    public void requireOpen(String tenant) {
        TenantGuard.requireOwner(tenantId, tenant, "account", accountId);
        if (closed) {
            throw new RuleViolation("account-closed", "account " + accountId + " is closed");
        }
    }

    /**
     * Move-out, after the final charge: a positive balance is refunded or transferred, then the account closes.
     *
     * @return the amount transferred out, for the receiving account to credit (zero otherwise)
     */
    public long settleAndClose(Settlement settlement, AccountId transferTo, Instant now) {
        long transferred = 0;
        if (balance > 0) {
            long amount = balance;
            if (settlement == Settlement.TRANSFER) {
                apply(new BalanceTransferredOut(accountId, transferTo, money(amount), money(0)));
                transferred = amount;
            } else {
                apply(new BalanceRefunded(accountId, money(amount), "move-out settlement", money(0)));
            }
        }
        apply(new AccountClosed(accountId, money(Math.max(0, -balance)), now));
        return transferred;
    }

    public void receiveTransfer(AccountId from, Money amount) {
        requireOwnCurrency(amount);
        long before = balance;
        apply(new BalanceTransferredIn(accountId, from, amount, money(balance + amount.minorUnits())));
        checkLevels(before);
    }

    private void checkLevels(long before) {
        ThresholdCrossings crossed = ThresholdCrossings.of(before, balance, thresholds, depleted);
        if (crossed.firstWarning()) {
            apply(new LowBalanceWarningReached(accountId, 1, money(balance), money(thresholds.firstWarning())));
        }
        if (crossed.secondWarning()) {
            apply(new LowBalanceWarningReached(accountId, 2, money(balance), money(thresholds.secondWarning())));
        }
        if (crossed.cutOff()) {
            long emergency = creditPolicy.emergencyCredit();
            if (!emergencyCreditUsed && emergency > 0 && balance + emergency > thresholds.cutOff()) {
                apply(new EmergencyCreditGranted(accountId, money(emergency), money(balance + emergency)));
            } else {
                apply(new BalanceDepleted(accountId, meterId, money(balance), money(thresholds.cutOff())));
            }
        }
        if (crossed.reconnect()) {
            apply(new ReconnectLevelReached(accountId, meterId, money(balance)));
        }
    }

    private void requireOwnCurrency(Money amount) {
        if (!amount.currency().equals(currency)) {
            throw new RuleViolation("currency-mismatch", Reason.of("currency-not-the-accounts", "account " + accountId
                    + " is kept in " + currency + ", not " + amount.currency(), currency.getCurrencyCode(),
                    amount.currency().getCurrencyCode()));
        }
    }

    /** {@code rule} is written out at each call, so that a scan of the code finds every rule's code. */
    private static void requireInRange(Money amount, String what, String rule) {
        if (!amount.positive() || amount.minorUnits() > MAX_AMOUNT_MINOR_UNITS) {
            throw new RuleViolation(rule,
                    "a " + what + " must be between 1 and " + MAX_AMOUNT_MINOR_UNITS + " minor units",
                    MAX_AMOUNT_MINOR_UNITS);
        }
    }

    private Money money(long minorUnits) {
        return new Money(minorUnits, currency);
    }

    @EventSourcingHandler
    void on(AccountOpened event, @MetaDataValue(TENANT) String tenant) {
        accountId = event.accountId();
        tenantId = tenant;
        meterId = event.meterId();
        currency = event.currency();
        tariffId = event.tariffId();
        standingChargedUntil = event.standingChargedFrom();
    }

    @EventSourcingHandler
    void on(MeterReplaced event) {
        meterId = event.newMeterId();
    }

    @EventSourcingHandler
    void on(TariffAssigned event) {
        tariffId = event.tariffId();
    }

    @EventSourcingHandler
    void on(AccountCredited event) {
        balance = event.balanceAfter().minorUnits();
        creditReferences.add(event.reference());
        if (event.purchaseSequence() != null) {
            purchaseSequences.add(event.purchaseSequence());
            highestPurchaseSequence = Math.max(highestPurchaseSequence, event.purchaseSequence());
        }
    }

    @EventSourcingHandler
    void on(ConsumptionCharged event) {
        balance = event.balanceAfter().minorUnits();
        carriedRemainder = event.remainderCarried();
        TierCount count = event.tierCount();
        tierCounter = count == null ? null : new TierCounter(count.period(), count.periodStart(), count.counted());
        if (event.standingChargedUntil() != null) {
            standingChargedUntil = event.standingChargedUntil();
        }
    }

    @EventSourcingHandler
    void on(ThresholdsSet event) {
        thresholds = event.thresholds();
    }

    @EventSourcingHandler
    void on(CreditPolicySet event) {
        creditPolicy = event.policy();
    }

    @EventSourcingHandler
    void on(BalanceDepleted event) {
        depleted = true;
    }

    @EventSourcingHandler
    void on(ReconnectLevelReached event) {
        depleted = false;
    }

    @EventSourcingHandler
    void on(EmergencyCreditGranted event) {
        balance = event.balanceAfter().minorUnits();
        emergencyCreditOutstanding += event.amount().minorUnits();
        emergencyCreditUsed = true;
    }

    @EventSourcingHandler
    void on(EmergencyCreditRepaid event) {
        balance = event.balanceAfter().minorUnits();
        emergencyCreditOutstanding -= event.amount().minorUnits();
        if (emergencyCreditOutstanding == 0) {
            emergencyCreditUsed = false;
        }
    }

    @EventSourcingHandler
    void on(BalanceRefunded event) {
        balance = event.balanceAfter().minorUnits();
    }

    @EventSourcingHandler
    void on(BalanceTransferredOut event) {
        balance = event.balanceAfter().minorUnits();
    }

    @EventSourcingHandler
    void on(BalanceTransferredIn event) {
        balance = event.balanceAfter().minorUnits();
    }

    @EventSourcingHandler
    void on(AccountClosed event) {
        closed = true;
    }

    @EventSourcingHandler
    void on(AdjustmentAwaitingApproval event) {
        adjustmentIds.add(event.adjustmentId());
        pendingAdjustments.put(event.adjustmentId(), event);
    }

    @EventSourcingHandler
    void on(AdjustmentRejected event) {
        pendingAdjustments.remove(event.adjustmentId());
    }

    @EventSourcingHandler
    void on(BalanceAdjusted event) {
        adjustmentIds.add(event.adjustmentId());
        pendingAdjustments.remove(event.adjustmentId());
        balance = event.balanceAfter().minorUnits();
    }

    @EventSourcingHandler
    void on(DebtRegistered event) {
        debt = event.debtAfter().minorUnits();
    }

    @EventSourcingHandler
    void on(DebtRecovered event) {
        debt = event.debtAfter().minorUnits();
        balance = event.balanceAfter().minorUnits();
    }
}
