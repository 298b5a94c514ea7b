package com.meterledger.gateway.payment.billing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code meterledger.billing}: what the platform sells its tenants, and how it dunns them.
 *
 * <p>Plans are platform configuration, not data: each names a Stripe Price (a Product's tiered, metered price per
 * active meter per month) that lives in the platform's own Stripe account, where its money is defined once; here sit
 * only what the application needs beside it: the price's id, the meter limit the application enforces, the trial and
 * the tiers to show. A new plan is a new Price at Stripe plus an entry here, decided by the platform (never by a
 * tenant), with nothing for tenants to edit and no history to keep that Stripe does not already keep.
 *
 * @param gracePeriod     how long a tenant whose invoice failed stays past due before it is suspended
 * @param graceCheck      how often the persistent grace check looks for grace periods that ended
 * @param meterEventName  the Stripe Billing Meter's event name the daily active-meter counts are sent as
 * @param reportAt        when (UTC) the previous day's active meters are reported
 * @param returnUrl       the billing page at the application's public address (Checkout and the Portal come back)
 */
@ConfigurationProperties("meterledger.billing")
public record BillingProperties(Map<String, Plan> plans, Duration gracePeriod, Duration graceCheck,
                                String meterEventName, LocalTime reportAt, String returnUrl) {
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,31}");

    public BillingProperties {
        plans = plans == null ? Map.of() : Map.copyOf(plans);
        plans.forEach((code, plan) -> {
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("meterledger.billing.plans: a plan's code is lower-case letters, "
                        + "digits and '-', not " + code);
            }
        });
        gracePeriod = gracePeriod == null ? Duration.ofDays(7) : gracePeriod;
        graceCheck = graceCheck == null ? Duration.ofMinutes(1) : graceCheck;
        meterEventName = meterEventName == null || meterEventName.isBlank() ? "meterledger_active_meters"
                : meterEventName;
        reportAt = reportAt == null ? LocalTime.of(0, 30) : reportAt;
        if (returnUrl == null || !(returnUrl.startsWith("https://") || returnUrl.startsWith("http://"))) {
            throw new IllegalArgumentException("meterledger.billing.return-url must be an absolute http(s) address "
                    + "Stripe can send the tenant administrator back to, not " + returnUrl);
        }
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("meterledger.billing.grace-period must not be negative");
        }
    }

    /**
     * One plan: the Stripe Price per active meter per month (tiered), the most active meters it allows, the free
     * trial's days, and its tiers as Stripe holds them (for the page).
     */
    public record Plan(String priceId, long meterLimit, long trialDays, String currency, List<Tier> tiers) {
        public Plan {
            if (priceId == null || priceId.isBlank()) {
                throw new IllegalArgumentException("meterledger.billing.plans.*.price-id is required");
            }
            if (meterLimit < 1 || trialDays < 0) {
                throw new IllegalArgumentException("a plan's meter-limit must be positive and its trial-days not "
                        + "negative");
            }
            tiers = tiers == null ? List.of() : List.copyOf(tiers);
        }
    }

    /** Up to {@code upTo} active meters (null: every further one) cost {@code unitMinor} each per month. */
    public record Tier(Long upTo, long unitMinor) {
    }
}
