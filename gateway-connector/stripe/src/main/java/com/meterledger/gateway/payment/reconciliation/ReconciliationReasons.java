package com.meterledger.gateway.payment.reconciliation;

import com.meterledger.gateway.payment.reconciliation.ReconciliationReport.Kind;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReport.Line;

import java.util.Arrays;
import java.util.List;

/**
 * What a reconciliation line's {@code reason} says, as a stable code and the figures it names, so that a reader in
 * another language is told the same specifics as the English words stored with the line. Derived from the line's own
 * columns (its kind and outcome, the amounts, fees, currencies and ids compared), never from its English text: lines
 * stored before the code existed are worded alike, and no stored row needs rewriting. Pure.
 */
public final class ReconciliationReasons {
    private ReconciliationReasons() {
    }

    /** A reason's code ({@code reconciliation.reason.<code>} in the bundles) and the figures its texts place. */
    public record Said(String code, List<Object> figures) {
        public Said {
            figures = List.copyOf(figures);
        }

        static Said of(String code, Object... figures) {
            return new Said(code, Arrays.asList(figures));
        }
    }

    /** The line's reason as a code with figures; null when its columns do not say which (then its English stands). */
    public static Said of(Line line) {
        if (line.kind() == null || line.outcome() == null) {
            return null;
        }
        return switch (line.kind()) {
            case CHARGE -> charge(line);
            case REFUND, DISPUTE -> reversal(line);
            case PAYOUT -> payout(line);
        };
    }

    private static Said charge(Line line) {
        return switch (line.outcome()) {
            case MISSING_IN_LEDGER -> line.paymentId() == null
                    ? known(line.actualMinor(), line.stripeId()) ? Said.of("charge-not-ours", line.actualMinor(),
                    line.stripeId()) : null
                    : Said.of("charge-not-credited", line.paymentId());
            case CURRENCY_MISMATCH -> known(line.expectedCurrency(), line.actualCurrency())
                    ? Said.of("charge-currency-differs", line.expectedCurrency(), line.actualCurrency()) : null;
            case AMOUNT_MISMATCH -> known(line.expectedMinor(), line.actualMinor())
                    ? Said.of("charge-amount-differs", line.expectedMinor(), line.actualMinor()) : null;
            case FEE_MISMATCH -> known(line.expectedFeeMinor(), line.actualFeeMinor())
                    ? Said.of("charge-fee-differs", line.expectedFeeMinor(), line.actualFeeMinor()) : null;
            case MATCHED -> Said.of("charge-agrees");
            case MISSING_AT_STRIPE -> known(line.stripeId()) ? Said.of("charge-not-at-stripe", line.stripeId()) : null;
        };
    }

    private static Said reversal(Line line) {
        String what = line.kind() == Kind.REFUND ? "refund" : "dispute";
        return switch (line.outcome()) {
            case MISSING_IN_LEDGER -> Said.of(what + "-not-credited");
            case MATCHED -> known(line.paymentId()) ? Said.of(what + "-reversed", line.paymentId()) : null;
            default -> null;
        };
    }

    private static Said payout(Line line) {
        return switch (line.outcome()) {
            case MISSING_AT_STRIPE -> known(line.stripeId()) ? Said.of("payout-without-transaction", line.stripeId())
                    : null;
            case CURRENCY_MISMATCH -> known(line.expectedCurrency(), line.actualCurrency())
                    ? Said.of("payout-currency-differs", line.expectedCurrency(), line.actualCurrency()) : null;
            case AMOUNT_MISMATCH -> known(line.expectedMinor(), line.actualMinor())
                    ? Said.of("payout-amount-differs", line.expectedMinor(), line.actualMinor()) : null;
            case MATCHED -> Said.of("payout-agrees");
            default -> null;
        };
    }

    private static boolean known(Object... figures) {
        return Arrays.stream(figures).allMatch(figure -> figure != null);
    }
}
