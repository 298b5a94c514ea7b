package com.meterledger.core.payment;

import com.meterledger.api.payment.CloseDispute;
import com.meterledger.api.payment.CompletePayment;
import com.meterledger.api.payment.DisputePayment;
import com.meterledger.api.payment.PaymentId;
import com.meterledger.api.payment.RefundPayment;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The payment's own commands. Stripe's news ({@link CompletePayment}, {@link RefundPayment}, {@link DisputePayment},
 * {@link CloseDispute}) goes to {@link PaymentService}, which sends the payment one of these, carrying that news, and
 * then the account what the payment answers ({@link Payment.AccountEffect}), in the same unit of work: the payment and
 * the account are reached by their commands only, never by a method call.
 */
public final class PaymentSteps {
    private PaymentSteps() {
    }

    /** Answers the credit of a new success, nothing for a payment that succeeded already. */
    public record Succeed(@TargetAggregateIdentifier PaymentId paymentId, CompletePayment news) {
        public Succeed(CompletePayment news) {
            this(news.paymentId(), news);
        }
    }

    /** Answers the credit to reverse now, nothing when this refund total was reversed already. */
    public record Refund(@TargetAggregateIdentifier PaymentId paymentId, RefundPayment news) {
        public Refund(RefundPayment news) {
            this(news.paymentId(), news);
        }
    }

    /** Answers the credit to reverse now, nothing for a dispute already known. */
    public record OpenDispute(@TargetAggregateIdentifier PaymentId paymentId, DisputePayment news) {
        public OpenDispute(DisputePayment news) {
            this(news.paymentId(), news);
        }
    }

    /** Answers the reversal of a dispute closed before it was opened, and the credit a won dispute gives back. */
    public record Close(@TargetAggregateIdentifier PaymentId paymentId, CloseDispute news) {
        public Close(CloseDispute news) {
            this(news.paymentId(), news);
        }
    }
}
