package com.meterledger.core.account;

import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.ConsumptionCharged;
import com.meterledger.api.account.CreditPolicy;
import com.meterledger.api.account.CreditPolicySet;
import com.meterledger.api.account.DebtRecovered;
import com.meterledger.api.account.DebtRegistered;
import com.meterledger.api.account.EmergencyCreditGranted;
import com.meterledger.api.account.EmergencyCreditRepaid;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Money;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TariffVersion;
import com.meterledger.core.tariff.TariffTimeline;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account's money invariants, over any mix of top-ups (duplicated, reordered, with reused purchase numbers),
 * consumption, emergency credit and debt recovery.
 */
class AccountInvariantProperties {
    private static final AccountId ACCOUNT = new AccountId("acc-p");
    private static final MeterId METER = new MeterId("m-p");
    private static final MetaData TENANT = MetaData.with(MetadataKeys.TENANT, "tenant-p");
    private static final Instant OPENED = Instant.parse("2026-03-01T00:00:00Z");
    private static final BigDecimal PRICE = new BigDecimal("23.7");
    private static final TariffTimeline FLAT = TariffTimeline.of(ZoneOffset.UTC,
            new TariffVersion(OPENED.minus(Duration.ofDays(1)), new TariffSchedule.Flat(PRICE), BigDecimal.ZERO));

    /** One thing that happens to the account: a top-up attempt, or a reading's consumption. */
    sealed interface Step permits TopUp, Consume {
    }

    record TopUp(int purchase, long amount) implements Step {
    }

    record Consume(BigDecimal quantity) implements Step {
    }

    /** Runs a whole story inside one command so the fixture can replay it as the aggregate's own events. */
    record Story(@TargetAggregateIdentifier AccountId accountId, List<Step> steps) {
    }

    @Property(tries = 200)
    void theBalanceIsAlwaysTheSumOfTheMoneyEventsAndEachPurchaseCreditsOnce(@ForAll("stories") List<Step> steps,
                                                                             @ForAll("policies") CreditPolicy policy) {
        List<DomainEventMessage<?>> events = play(steps, policy);

        long folded = 0;
        long lastBalanceAfter = 0;
        for (DomainEventMessage<?> event : events) {
            Object payload = event.getPayload();
            long change = switch (payload) {
                case AccountCredited credited -> credited.amount().minorUnits();
                case EmergencyCreditGranted granted -> granted.amount().minorUnits();
                case ConsumptionCharged charged -> -charged.amount().minorUnits();
                case EmergencyCreditRepaid repaid -> -repaid.amount().minorUnits();
                case DebtRecovered recovered -> -recovered.amount().minorUnits();
                default -> 0;
            };
            folded += change;
            Money after = balanceAfter(payload);
            if (after != null) {
                assertThat(after.minorUnits()).as("balanceAfter of " + payload).isEqualTo(folded);
                lastBalanceAfter = after.minorUnits();
            }
        }
        assertThat(lastBalanceAfter).isEqualTo(folded);

        Map<Integer, Long> firstAmountOfEachPurchase = new LinkedHashMap<>();
        steps.stream().filter(TopUp.class::isInstance).map(TopUp.class::cast)
                .forEach(topUp -> firstAmountOfEachPurchase.putIfAbsent(topUp.purchase(), topUp.amount()));
        List<AccountCredited> credits = events.stream().map(DomainEventMessage::getPayload)
                .filter(AccountCredited.class::isInstance).map(AccountCredited.class::cast).toList();
        assertThat(credits).hasSize(firstAmountOfEachPurchase.size());
        assertThat(credits.stream().mapToLong(c -> c.amount().minorUnits()).sum())
                .isEqualTo(firstAmountOfEachPurchase.values().stream().mapToLong(Long::longValue).sum());
    }

    @Property(tries = 200)
    void consumptionChargesAddUpToTheExactTotalRoundedDownOnce(@ForAll("consumptions") List<Consume> readings) {
        List<DomainEventMessage<?>> events = play(new ArrayList<>(readings), CreditPolicy.none());
        long charged = events.stream().map(DomainEventMessage::getPayload)
                .filter(ConsumptionCharged.class::isInstance).map(ConsumptionCharged.class::cast)
                .mapToLong(c -> c.amount().minorUnits()).sum();
        BigDecimal exact = readings.stream().map(Consume::quantity).reduce(BigDecimal.ZERO, BigDecimal::add)
                .multiply(PRICE);
        assertThat(charged).isEqualTo(exact.setScale(0, RoundingMode.FLOOR).longValueExact());
    }

    private static List<DomainEventMessage<?>> play(List<Step> steps, CreditPolicy policy) {
        AggregateTestFixture<Account> fixture = new AggregateTestFixture<>(Account.class);
        fixture.registerAnnotatedCommandHandler(new Object() {
            @CommandHandler
            void handle(Story story, @MetaDataValue(MetadataKeys.TENANT) String tenant) {
                fixture.getRepository().load(story.accountId().value()).execute(account -> {
                    Instant readAt = OPENED;
                    for (Step step : story.steps()) {
                        switch (step) {
                            case TopUp topUp -> {
                                try {
                                    account.handle(new RecordTopUp(ACCOUNT, Money.of(topUp.amount(), "EUR"),
                                            "receipt-" + topUp.purchase(), (long) topUp.purchase()), tenant);
                                } catch (RuleViolation refused) {
                                    // a reused purchase number with another receipt: refused, nothing stored
                                }
                            }
                            case Consume consume -> {
                                Instant from = readAt;
                                readAt = readAt.plus(Duration.ofHours(1));
                                account.chargeConsumption(new ReadingRecorded(METER, ACCOUNT, from, readAt,
                                        consume.quantity(), consume.quantity(), Map.of(), Map.of()), FLAT);
                            }
                        }
                    }
                });
            }
        });
        fixture.given(GenericEventMessage.asEventMessage(new AccountOpened(ACCOUNT, new UnitId("u-p"), METER,
                                Currency.getInstance("EUR"), new TariffId("flat-p"), OPENED, OPENED, BigDecimal.ZERO,
                                LocalDate.of(2026, 3, 1))).andMetaData(TENANT),
                        new CreditPolicySet(ACCOUNT, policy),
                        new DebtRegistered(ACCOUNT, Money.of(1_500, "EUR"), "previous occupant", Money.of(1_500, "EUR")))
                .when(new Story(ACCOUNT, steps), TENANT)
                .expectSuccessfulHandlerExecution();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        fixture.getEventStore().readEvents(ACCOUNT.value()).forEachRemaining(events::add);
        return events;
    }

    private static Money balanceAfter(Object payload) {
        return switch (payload) {
            case AccountCredited e -> e.balanceAfter();
            case ConsumptionCharged e -> e.balanceAfter();
            case EmergencyCreditGranted e -> e.balanceAfter();
            case EmergencyCreditRepaid e -> e.balanceAfter();
            case DebtRecovered e -> e.balanceAfter();
            default -> null;
        };
    }

    @Provide
    Arbitrary<List<Step>> stories() {
        Arbitrary<Step> topUp = Combinators.combine(Arbitraries.integers().between(1, 8),
                Arbitraries.longs().between(1, 5_000)).as(TopUp::new);
        Arbitrary<Step> consume = quantities().map(Consume::new);
        Arbitrary<Step> step = Arbitraries.oneOf(topUp, consume);
        // purchase numbers repeat and arrive in any order; a repeat of a number with the same receipt is a redelivery
        return step.list().ofMinSize(1).ofMaxSize(30).map(AccountInvariantProperties::redeliveriesKeepTheirAmount);
    }

    /** A redelivered top-up is the same purchase: same receipt, same amount. */
    private static List<Step> redeliveriesKeepTheirAmount(List<Step> steps) {
        Map<Integer, Long> amounts = new LinkedHashMap<>();
        List<Step> consistent = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof TopUp topUp) {
                amounts.putIfAbsent(topUp.purchase(), topUp.amount());
                consistent.add(new TopUp(topUp.purchase(), amounts.get(topUp.purchase())));
            } else {
                consistent.add(step);
            }
        }
        return consistent;
    }

    @Provide
    Arbitrary<List<Consume>> consumptions() {
        return quantities().map(Consume::new).list().ofMinSize(1).ofMaxSize(30);
    }

    @Provide
    Arbitrary<CreditPolicy> policies() {
        return Combinators.combine(Arbitraries.longs().between(0, 2_000), Arbitraries.integers().between(0, 100),
                Arbitraries.longs().between(0, 1_000)).as(CreditPolicy::new);
    }

    private static Arbitrary<BigDecimal> quantities() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("80")).ofScale(3);
    }
}
