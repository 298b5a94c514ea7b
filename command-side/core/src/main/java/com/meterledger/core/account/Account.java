package com.meterledger.core.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.ConsumptionCharged;
import com.meterledger.api.account.FlatTariff;
import com.meterledger.api.account.OpenAccount;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.Money;
import com.meterledger.core.tenancy.TenantGuard;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.HashSet;
import java.util.Set;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The prepaid account of one unit's supply: money in, consumption charged, balance in exact minor units. */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Account {
    /** Top-ups above this are refused as absurd: ten million major units. */
    public static final long MAX_TOP_UP_MINOR_UNITS = 1_000_000_000L;

    @AggregateIdentifier
    private AccountId accountId;
    private String tenantId;
    private MeterId meterId;
    private Currency currency;
    private FlatTariff tariff;
    private long balance;
    private BigDecimal carriedRemainder = BigDecimal.ZERO;
    private Set<String> creditReferences = new HashSet<>();

    protected Account() {
    }

    public Account(OpenAccount command, Instant now) {
        apply(new AccountOpened(command.accountId(), command.unitId(), command.meterId(), command.currency(),
                command.tariff(), now, command.openingReadAt(), command.openingRegister()));
    }

    /** @return true when credited, false when this reference was already credited (an idempotent no-op) */
    @CommandHandler
    public boolean handle(RecordTopUp command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireOwner(tenantId, tenant, "account", accountId);
        Money amount = command.amount();
        if (!amount.currency().equals(currency)) {
            throw new RuleViolation("currency-mismatch",
                    "account " + accountId + " is kept in " + currency + ", not " + amount.currency());
        }
        if (!amount.positive() || amount.minorUnits() > MAX_TOP_UP_MINOR_UNITS) {
            throw new RuleViolation("top-up-out-of-range",
                    "a top-up must be between 1 and " + MAX_TOP_UP_MINOR_UNITS + " minor units");
        }
        if (command.reference() == null || command.reference().isBlank()) {
            throw new RuleViolation("top-up-reference-required", "a top-up needs its receipt or payment reference");
        }
        if (creditReferences.contains(command.reference())) {
            return false;
        }
        apply(new AccountCredited(accountId, amount, command.reference(), new Money(balance, currency).plus(amount),
                GenericEventMessage.clock.instant()));
        return true;
    }

    public void chargeConsumption(MeterId fromMeter, Instant readAt, BigDecimal quantity) {
        if (!fromMeter.equals(meterId)) {
            throw new IllegalStateException("meter " + fromMeter + " does not supply account " + accountId);
        }
        if (quantity.signum() == 0) {
            return;
        }
        ConsumptionPricing.PricedCharge priced =
                ConsumptionPricing.charge(quantity, tariff.minorUnitsPerUnit(), carriedRemainder);
        Money amount = new Money(priced.minorUnits(), currency);
        apply(new ConsumptionCharged(accountId, meterId, readAt, quantity, amount, priced.remainder(),
                new Money(balance, currency).minus(amount)));
    }

    public String tenantId() {
        return tenantId;
    }

    @EventSourcingHandler
    void on(AccountOpened event, @MetaDataValue(TENANT) String tenant) {
        accountId = event.accountId();
        tenantId = tenant;
        meterId = event.meterId();
        currency = event.currency();
        tariff = event.tariff();
    }

    @EventSourcingHandler
    void on(AccountCredited event) {
        balance = event.balanceAfter().minorUnits();
        creditReferences.add(event.reference());
    }

    @EventSourcingHandler
    void on(ConsumptionCharged event) {
        balance = event.balanceAfter().minorUnits();
        carriedRemainder = event.remainderCarried();
    }
}
