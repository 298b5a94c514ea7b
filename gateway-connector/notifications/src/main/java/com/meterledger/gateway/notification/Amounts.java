package com.meterledger.gateway.notification;

import com.meterledger.api.shared.Money;

import java.math.BigDecimal;

/** Money for people to read: exact decimal from minor units (never through a double), then the ISO code. */
public final class Amounts {
    private Amounts() {
    }

    public static BigDecimal decimal(Money money) {
        int digits = Math.max(0, money.currency().getDefaultFractionDigits());
        return BigDecimal.valueOf(money.minorUnits(), digits);
    }

    /** {@code 1234 EUR minor units} reads {@code 12.34 EUR}; {@code -5 EUR} reads {@code -0.05 EUR}. */
    public static String format(Money money) {
        return decimal(money).toPlainString() + " " + money.currency().getCurrencyCode();
    }
}
