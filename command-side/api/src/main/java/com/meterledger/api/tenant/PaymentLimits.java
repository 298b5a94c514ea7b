package com.meterledger.api.tenant;

import com.meterledger.api.error.FieldRejected;

import java.util.List;

/**
 * What one payment may be, in minor units of the tenant's currency, and the amounts the occupant's payment page
 * offers: a positive minimum not above the maximum, and one to six presets between them, ascending.
 */
public record PaymentLimits(long minimumMinor, long maximumMinor, List<Long> presetsMinor) {
    /** A billion minor units (ten million yuan): beyond any prepaid top-up. */
    public static final long CEILING = 1_000_000_000L;
    public static final String RULE = "payment-limits-invalid";

    public PaymentLimits {
        if (minimumMinor < 1 || minimumMinor > maximumMinor || maximumMinor > CEILING) {
            throw new FieldRejected("payments.maximumMinor", RULE,
                    "the minimum must be at least 1 and not above the maximum, the maximum at most " + CEILING);
        }
        presetsMinor = presetsMinor == null ? List.of() : List.copyOf(presetsMinor);
        if (presetsMinor.isEmpty() || presetsMinor.size() > 6) {
            throw new FieldRejected("payments.presetsMinor", RULE, "one to six preset amounts");
        }
        long previous = 0;
        for (long preset : presetsMinor) {
            if (preset < minimumMinor || preset > maximumMinor || preset <= previous) {
                throw new FieldRejected("payments.presetsMinor", RULE, "presets must lie between the minimum and the "
                        + "maximum, in ascending order, each once");
            }
            previous = preset;
        }
    }

    public static PaymentLimits standard() {
        return new PaymentLimits(100, 100_000, List.of(1_000L, 2_000L, 5_000L));
    }
}
