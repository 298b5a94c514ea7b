package com.meterledger.core.tariff;

import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.ConsumptionCharged;
import com.meterledger.api.account.FindAccountsOnTariff;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tariff.ChargeKind;
import com.meterledger.api.tariff.ChargeLine;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.tariff.TariffVersion;
import com.meterledger.api.tariff.TierCount;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * The per-account effect of a proposed tariff version before it is published: every account on the tariff has the
 * consumption it was charged for in the look-back window (readings charged by this tariff, read from the account's
 * own events in the event store) priced again as if the proposed version had been in force throughout, tiers
 * counted from where the account's count stood before the window, and each standing-charge day it paid charged at
 * the proposed daily rate (readings from the window's start on, including any a meter dated slightly ahead of our
 * clock). "Current" is what the account was actually charged for the same readings and days, from
 * the lines of its {@code ConsumptionCharged} events. Nothing is stored.
 *
 * <p>The list of accounts on the tariff comes from the account read model ({@link FindAccountsOnTariff}), so an
 * account opened or re-assigned a moment ago may be missing from a dry run until the projection catches up.
 */
public class TariffDryRun {
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private final TariffReader tariffs;
    private final EventStore events;
    private final QueryGateway queries;

    public TariffDryRun(TariffReader tariffs, EventStore events, QueryGateway queries) {
        this.tariffs = tariffs;
        this.events = events;
        this.queries = queries;
    }

    /**
     * One account's effect. Amounts are exact minor units (not rounded); {@code outcome} is PRICED, or NOT_PRICEABLE
     * when the proposed version cannot price its readings (e.g. a time-of-use version for readings without
     * registers), with the rule in {@code detail}.
     */
    public record AccountEffect(String accountId, String outcome, String detail, int readings, BigDecimal quantity,
                                long standingChargeDays, BigDecimal currentMinor, BigDecimal proposedMinor,
                                BigDecimal differenceMinor) {
    }

    public record Result(String tariffId, Instant windowFrom, Instant windowTo, List<AccountEffect> accounts,
                         BigDecimal totalCurrentMinor, BigDecimal totalProposedMinor, BigDecimal totalDifferenceMinor) {
    }

    public Result run(TenantId tenant, TariffId tariffId, TariffVersion proposed, Instant now, Duration window) {
        TariffReader.TariffState tariff = tariffs.read(tenant, tariffId);
        TariffTimeline proposedOnly = TariffTimeline.of(tariff.zone(),
                new TariffVersion(Instant.EPOCH, proposed.schedule(), proposed.standingChargePerDay()));
        Instant from = now.minus(window);
        List<String> accountIds = queries.query(new FindAccountsOnTariff(tenant, tariffId),
                ResponseTypes.multipleInstancesOf(String.class)).join();
        List<AccountEffect> effects = new ArrayList<>();
        BigDecimal totalCurrent = BigDecimal.ZERO;
        BigDecimal totalProposed = BigDecimal.ZERO;
        for (String accountId : accountIds.stream().sorted().toList()) {
            AccountEffect effect = effect(tenant, tariffId, accountId, proposedOnly, proposed, from);
            if (effect == null) {
                continue;
            }
            effects.add(effect);
            if ("PRICED".equals(effect.outcome())) {
                totalCurrent = totalCurrent.add(effect.currentMinor());
                totalProposed = totalProposed.add(effect.proposedMinor());
            }
        }
        return new Result(tariffId.value(), from, now, effects, totalCurrent, totalProposed,
                totalProposed.subtract(totalCurrent));
    }

    private AccountEffect effect(TenantId tenant, TariffId tariffId, String accountId, TariffTimeline proposedOnly,
                                 TariffVersion proposed, Instant from) {
        Iterator<? extends DomainEventMessage<?>> stream = events.readEvents(accountId).asStream().iterator();
        if (!stream.hasNext()) {
            return null;
        }
        DomainEventMessage<?> first = stream.next();
        if (!(first.getPayload() instanceof AccountOpened) || !tenant.value().equals(first.getMetaData().get(TENANT))) {
            return null;
        }
        TierCounter counter = null;
        List<ConsumptionCharged> inWindow = new ArrayList<>();
        while (stream.hasNext()) {
            if (!(stream.next().getPayload() instanceof ConsumptionCharged charged)) {
                continue;
            }
            if (!charged.readAt().isAfter(from)) {
                counter = counter(charged.tierCount());
            } else if (tariffId.equals(charged.tariffId())) {
                inWindow.add(charged);
            }
        }
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal current = BigDecimal.ZERO;
        BigDecimal proposedTotal = BigDecimal.ZERO;
        long days = 0;
        try {
            for (ConsumptionCharged charged : inWindow) {
                quantity = quantity.add(charged.quantity());
                current = current.add(charged.exactAmount());
                for (ChargeLine line : charged.lines()) {
                    if (line.kind() == ChargeKind.STANDING_CHARGE) {
                        days += line.quantity().longValueExact();
                    }
                }
                if (charged.quantity().signum() > 0) {
                    ConsumptionDelta delta = charged.registers().isEmpty()
                            ? ConsumptionDelta.total(charged.from(), charged.readAt(), charged.quantity())
                            : ConsumptionDelta.perRegister(charged.from(), charged.readAt(), charged.registers());
                    PricedConsumption priced = TariffEngine.price(proposedOnly, delta, counter);
                    proposedTotal = proposedTotal.add(priced.breakdown().exactTotal());
                    counter = priced.counterAfter();
                }
            }
        } catch (RuleViolation e) {
            return new AccountEffect(accountId, "NOT_PRICEABLE", e.rule() + ": " + e.getMessage(), inWindow.size(),
                    quantity, days, current, null, null);
        }
        proposedTotal = proposedTotal.add(proposed.standingChargePerDay().multiply(BigDecimal.valueOf(days)));
        return new AccountEffect(accountId, "PRICED", null, inWindow.size(), quantity, days, current, proposedTotal,
                proposedTotal.subtract(current));
    }

    private static TierCounter counter(TierCount count) {
        return count == null ? null : new TierCounter(count.period(), count.periodStart(), count.counted());
    }
}
