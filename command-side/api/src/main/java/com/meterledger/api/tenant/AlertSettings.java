package com.meterledger.api.tenant;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.Reason;

/**
 * When a condition becomes an alert in a tenant's alerts inbox, kept as data apart from {@link TenantSettings} (its own
 * command and event, its own form section), so changing one never rewrites the other. Every bound is one a person
 * could mean: a meter unread for more than a month, or a tamper threshold of 100 %, is a typing error, refused with
 * the field's name rather than stored and silently never firing.
 *
 * @param meterNotReadHours         a meter with an account whose last reading is older than this raises an alert
 * @param rejectedReadings          this many rejected readings of one meter ...
 * @param rejectedWindowHours       ... within this many hours raise an alert
 * @param zeroBalanceHours          an open account at or below zero for this long raises an alert (the
 *                                  self-disconnection signal)
 * @param arrearsAboveMinor         an account whose arrears exceed this (minor units) raises an alert
 * @param consumptionDropPercent    the last 7 days' mean daily use below this share of the 28 days before: possible
 *                                  tamper
 * @param lineLossPercent           a master meter's period use exceeding its sub-meters' sum by more than this share
 * @param notifyStaff               also e-mail the tenant's administrators when an alert opens
 */
public record AlertSettings(int meterNotReadHours, int rejectedReadings, int rejectedWindowHours, int zeroBalanceHours,
                            long arrearsAboveMinor, int consumptionDropPercent, int lineLossPercent,
                            boolean notifyStaff) {
    public static final String RULE = "alert-settings-invalid";
    /** A month: beyond it, "not read" or "at zero" is no longer an alert but a lost meter or a closed account. */
    public static final int MAX_HOURS = 24 * 31;

    public AlertSettings {
        hours("meterNotReadHours", meterNotReadHours);
        between("rejectedReadings", rejectedReadings, 1, 1_000);
        hours("rejectedWindowHours", rejectedWindowHours);
        hours("zeroBalanceHours", zeroBalanceHours);
        if (arrearsAboveMinor < 1 || arrearsAboveMinor > PaymentLimits.CEILING) {
            throw new FieldRejected("arrearsAboveMinor", RULE, Reason.of("alert-arrears-out-of-range",
                    "must be between 1 and " + PaymentLimits.CEILING + " minor units", PaymentLimits.CEILING,
                    arrearsAboveMinor));
        }
        between("consumptionDropPercent", consumptionDropPercent, 1, 99);
        between("lineLossPercent", lineLossPercent, 1, 99);
    }

    /** What a tenant has until its administrators change it. */
    public static AlertSettings standard() {
        return new AlertSettings(24, 3, 24, 24, 50_000, 30, 10, false);
    }

    private static void hours(String field, int value) {
        between(field, value, 1, MAX_HOURS);
    }

    private static void between(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new FieldRejected(field, RULE, Reason.of("alert-threshold-out-of-range",
                    "must be between %d and %d (it is %d)".formatted(min, max, value), min, max, value));
        }
    }
}
