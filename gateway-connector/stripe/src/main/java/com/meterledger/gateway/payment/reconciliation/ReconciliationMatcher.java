package com.meterledger.gateway.payment.reconciliation;

import com.meterledger.gateway.payment.StripeGateway.BalanceLine;
import com.meterledger.gateway.payment.StripeGateway.PayoutLine;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReport.Kind;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReport.Line;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReport.Outcome;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Matches one connected account's day at Stripe with our ledger, by payment intent (the key our checkout records
 * carry). A charge is compared by currency, then amount, then the platform's application fee; refunds and disputes
 * are matched to the payment they belong to (their amounts are the Payment aggregate's); a payout to its own balance
 * transaction; a payment we credited that day with no charge at Stripe is missing there. Pure: no I/O.
 */
final class ReconciliationMatcher {
    private ReconciliationMatcher() {
    }

    static List<Line> match(String account, List<BalanceLine> transactions, List<PayoutLine> payouts,
                            Map<String, LedgerPayment> byIntent, List<LedgerPayment> creditedThatDay) {
        List<Line> lines = new ArrayList<>();
        Set<String> charged = new HashSet<>();
        for (BalanceLine transaction : transactions) {
            Kind kind = kindOf(transaction.type());
            if (kind == Kind.CHARGE) {
                charged.add(transaction.paymentIntentId());
                lines.add(charge(account, transaction, byIntent.get(transaction.paymentIntentId())));
            } else if (kind == Kind.REFUND || kind == Kind.DISPUTE) {
                lines.add(reversal(account, kind, transaction, byIntent.get(transaction.paymentIntentId())));
            }
        }
        for (LedgerPayment payment : creditedThatDay) {
            if (!charged.contains(payment.paymentIntentId())) {
                lines.add(new Line(account, Kind.CHARGE, Outcome.MISSING_AT_STRIPE, payment.paymentIntentId(),
                        payment.paymentId(), payment.accountId(), payment.amountMinor(), null,
                        payment.applicationFeeMinor(), null, payment.currency(), null,
                        "credited on this day, but Stripe lists no charge for payment intent "
                                + payment.paymentIntentId()));
            }
        }
        Map<String, BalanceLine> payoutTransactions = transactions.stream()
                .filter(t -> "payout".equals(t.type()) && t.sourceId() != null)
                .collect(Collectors.toMap(BalanceLine::sourceId, Function.identity(), (a, b) -> a));
        for (PayoutLine payout : payouts) {
            lines.add(payout(account, payout, payoutTransactions.get(payout.id())));
        }
        return lines;
    }

    private static Kind kindOf(String type) {
        return switch (type == null ? "" : type) {
            case "charge", "payment" -> Kind.CHARGE;
            case "refund", "payment_refund" -> Kind.REFUND;
            case "adjustment" -> Kind.DISPUTE;
            default -> null;
        };
    }

    private static Line charge(String account, BalanceLine stripe, LedgerPayment ours) {
        if (ours == null || ours.succeededAt() == null) {
            return new Line(account, Kind.CHARGE, Outcome.MISSING_IN_LEDGER, stripe.sourceId(),
                    ours == null ? null : ours.paymentId(), ours == null ? null : ours.accountId(), null,
                    stripe.amount(), null, stripe.applicationFee(), null, stripe.currency(), ours == null
                    ? "Stripe charged " + stripe.amount() + " (payment intent " + stripe.paymentIntentId()
                    + "), but no checkout of ours has that payment intent"
                    : "Stripe charged payment " + ours.paymentId() + ", but our ledger has not credited it");
        }
        Outcome outcome;
        String reason;
        if (!ours.currency().equals(stripe.currency())) {
            outcome = Outcome.CURRENCY_MISMATCH;
            reason = "we asked for " + ours.currency() + ", Stripe charged " + stripe.currency();
        } else if (ours.amountMinor() != stripe.amount()) {
            outcome = Outcome.AMOUNT_MISMATCH;
            reason = "we credited " + ours.amountMinor() + ", Stripe charged " + stripe.amount();
        } else if (ours.applicationFeeMinor() != stripe.applicationFee()) {
            outcome = Outcome.FEE_MISMATCH;
            reason = "we asked an application fee of " + ours.applicationFeeMinor() + ", Stripe took "
                    + stripe.applicationFee();
        } else {
            outcome = Outcome.MATCHED;
            reason = "amount, currency and application fee agree";
        }
        return new Line(account, Kind.CHARGE, outcome, stripe.sourceId(), ours.paymentId(), ours.accountId(),
                ours.amountMinor(), stripe.amount(), ours.applicationFeeMinor(), stripe.applicationFee(),
                ours.currency(), stripe.currency(), reason);
    }

    private static Line reversal(String account, Kind kind, BalanceLine stripe, LedgerPayment ours) {
        String what = kind == Kind.REFUND ? "refund" : "dispute";
        if (ours == null || ours.succeededAt() == null) {
            return new Line(account, kind, Outcome.MISSING_IN_LEDGER, stripe.sourceId(), null, null, null,
                    stripe.amount(), null, null, null, stripe.currency(),
                    "a " + what + " at Stripe of a payment our ledger has not credited");
        }
        return new Line(account, kind, Outcome.MATCHED, stripe.sourceId(), ours.paymentId(), ours.accountId(), null,
                stripe.amount(), null, null, ours.currency(), stripe.currency(),
                "a " + what + " of payment " + ours.paymentId() + " (reversed on the account from Stripe's events)");
    }

    private static Line payout(String account, PayoutLine payout, BalanceLine transaction) {
        if (transaction == null) {
            return new Line(account, Kind.PAYOUT, Outcome.MISSING_AT_STRIPE, payout.id(), null, null, null,
                    payout.amount(), null, null, null, payout.currency(),
                    "payout " + payout.id() + " (" + payout.status() + ") has no balance transaction on this day");
        }
        long paidOut = -transaction.amount();
        Outcome outcome = !Objects.equals(payout.currency(), transaction.currency()) ? Outcome.CURRENCY_MISMATCH
                : paidOut != payout.amount() ? Outcome.AMOUNT_MISMATCH : Outcome.MATCHED;
        String reason = switch (outcome) {
            case CURRENCY_MISMATCH -> "the balance moved " + transaction.currency() + ", the payout is " + payout.currency();
            case AMOUNT_MISMATCH -> "the balance moved " + paidOut + ", the payout is " + payout.amount();
            default -> "payout " + payout.status() + ", equal to its balance transaction";
        };
        return new Line(account, Kind.PAYOUT, outcome, payout.id(), null, null, paidOut, payout.amount(), null, null,
                transaction.currency(), payout.currency(), reason);
    }
}
