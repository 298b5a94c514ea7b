package com.meterledger.core.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.payment.CloseDispute;
import com.meterledger.api.payment.CompletePayment;
import com.meterledger.api.payment.DisputePayment;
import com.meterledger.api.payment.DisputeWon;
import com.meterledger.api.payment.PaymentDisputed;
import com.meterledger.api.payment.PaymentId;
import com.meterledger.api.payment.PaymentRefunded;
import com.meterledger.api.payment.PaymentRequested;
import com.meterledger.api.payment.PaymentSucceeded;
import com.meterledger.api.payment.RefundPayment;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Money;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a payment holds on its account, over any order of Stripe's success, refund and dispute events (redelivered,
 * early, closes before openings): paid - refunded - disputes not won, never negative and never more than was paid.
 */
class PaymentCreditProperties {
    private static final PaymentId PAYMENT = new PaymentId("pay-p");
    private static final AccountId ACCOUNT = new AccountId("acc-p");
    private static final MetaData TENANT = MetaData.with(MetadataKeys.TENANT, "tenant-p");
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final long PAID = 2_500;

    sealed interface Step permits Succeed, Refund, Dispute, Close {
    }

    record Succeed() implements Step {
    }

    /** Stripe's cumulative refund total, as charge.refunded reports it. */
    record Refund(long total) implements Step {
    }

    record Dispute(int id, long amount) implements Step {
    }

    record Close(int id, long amount, boolean won) implements Step {
    }

    record Story(@TargetAggregateIdentifier PaymentId paymentId, List<Step> steps) {
    }

    @Property(tries = 300)
    void theCreditIsPaidMinusRefundedMinusDisputesNotWonAndNeverNegative(@ForAll("stories") List<Step> steps) {
        long credit = 0;
        for (DomainEventMessage<?> event : play(steps)) {
            credit += switch (event.getPayload()) {
                case PaymentSucceeded succeeded -> succeeded.amount().minorUnits();
                case PaymentRefunded refunded -> -refunded.amount().minorUnits();
                case PaymentDisputed disputed -> -disputed.reversed().minorUnits();
                case DisputeWon won -> won.restored().minorUnits();
                default -> 0;
            };
            assertThat(credit).as("credit after " + event.getPayload()).isBetween(0L, PAID);
        }
        assertThat(credit).isEqualTo(expected(steps));
    }

    /** The model: Stripe's view of the payment after these events, applied by their meaning, not their order. */
    private static long expected(List<Step> steps) {
        boolean paid = false;
        long refunded = 0;
        Map<Integer, Long> withdrawn = new HashMap<>();
        Map<Integer, Boolean> closed = new HashMap<>();
        for (Step step : steps) {
            switch (step) {
                case Succeed s -> paid = true;
                case Refund r -> refunded = paid ? Math.max(refunded, r.total()) : refunded;
                case Dispute d -> {
                    if (paid) {
                        withdrawn.putIfAbsent(d.id(), d.amount());
                    }
                }
                case Close c -> {
                    if (paid && !closed.containsKey(c.id())) {
                        withdrawn.putIfAbsent(c.id(), c.amount());
                        closed.put(c.id(), true);
                        if (c.won()) {
                            withdrawn.put(c.id(), 0L);
                        }
                    }
                }
            }
        }
        if (!paid) {
            return 0;
        }
        long notWon = withdrawn.values().stream().mapToLong(Long::longValue).sum();
        return Math.max(0, PAID - refunded - notWon);
    }

    /**
     * The steps as the payment's own commands, one after another, each in its unit of work: the story's handler only
     * sends them (a refund or dispute before the success is refused, and Stripe redelivers it later).
     */
    private static List<DomainEventMessage<?>> play(List<Step> steps) {
        AggregateTestFixture<Payment> fixture = new AggregateTestFixture<>(Payment.class);
        fixture.registerAnnotatedCommandHandler(new Object() {
            @CommandHandler
            void handle(Story story) {
                CommandGateway payment = DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build();
                for (Step step : story.steps()) {
                    try {
                        payment.sendAndWait(GenericCommandMessage.asCommandMessage(command(step)).andMetaData(TENANT));
                    } catch (RuleViolation early) {
                        // nothing changes now
                    }
                }
            }
        });
        fixture.given(GenericEventMessage.asEventMessage(new PaymentRequested(PAYMENT, ACCOUNT, eur(PAID), AT))
                        .andMetaData(TENANT))
                .when(new Story(PAYMENT, steps), TENANT)
                .expectSuccessfulHandlerExecution();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        fixture.getEventStore().readEvents(PAYMENT.value()).forEachRemaining(events::add);
        return events;
    }

    private static Object command(Step step) {
        return switch (step) {
            case Succeed s -> new PaymentSteps.Succeed(new CompletePayment(PAYMENT, "cs_p", "pi_p", eur(PAID), null));
            case Refund r -> new PaymentSteps.Refund(new RefundPayment(PAYMENT, eur(r.total()), "ch_p"));
            case Dispute d -> new PaymentSteps.OpenDispute(new DisputePayment(PAYMENT, "du_" + d.id(), eur(d.amount()),
                    "fraudulent"));
            case Close c -> new PaymentSteps.Close(new CloseDispute(PAYMENT, "du_" + c.id(), eur(c.amount()), c.won()));
        };
    }

    private static Money eur(long minor) {
        return Money.of(minor, "EUR");
    }

    @Provide
    Arbitrary<List<Step>> stories() {
        Arbitrary<Step> succeed = Arbitraries.just(new Succeed());
        Arbitrary<Step> refund = Arbitraries.longs().between(0, PAID).map(Refund::new);
        Arbitrary<Step> dispute = Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.longs().between(1, PAID)).as(Dispute::new);
        Arbitrary<Step> close = Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.longs().between(1, PAID), Arbitraries.of(true, false)).as(Close::new);
        return Arbitraries.frequencyOf(Tuple.of(2, succeed), Tuple.of(3, refund), Tuple.of(3, dispute),
                        Tuple.of(3, close))
                .list().ofMinSize(1).ofMaxSize(15).map(PaymentCreditProperties::oneAmountPerDispute);
    }

    /** Stripe reports a dispute with one amount, whichever event carries it. */
    private static List<Step> oneAmountPerDispute(List<Step> steps) {
        Map<Integer, Long> amounts = new LinkedHashMap<>();
        List<Step> consistent = new ArrayList<>();
        for (Step step : steps) {
            consistent.add(switch (step) {
                case Dispute d -> new Dispute(d.id(), amounts.computeIfAbsent(d.id(), id -> d.amount()));
                case Close c -> new Close(c.id(), amounts.computeIfAbsent(c.id(), id -> c.amount()), c.won());
                default -> step;
            });
        }
        return consistent;
    }
}
