package com.meterledger.core.tariff;

import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.error.Reason;
import com.meterledger.api.tariff.BillingPeriod;
import com.meterledger.api.tariff.ChargeKind;
import com.meterledger.api.tariff.ChargeLine;
import com.meterledger.api.tariff.TariffRules;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TierBlock;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prices consumption and standing charges under a tariff's versions. Pure: no clock, no I/O, no rounding (see
 * {@link TariffRounding}); every amount is an exact {@link BigDecimal} of minor units.
 *
 * <h2>Splitting a reading interval</h2>
 * A delta is used over its reading interval {@code [from, to)}. The interval is cut at every moment inside it where
 * a new tariff version takes effect and, while a tiered version is in force, at every start of one of its billing
 * periods (midnight of the 1st of a month or of January in the tariff's zone). <b>The delta is apportioned to the
 * pieces in proportion to their duration</b> (the meter only tells us how much was used between two readings, so a
 * uniform rate is the neutral assumption). The shares are rounded to {@value #PRORATE_SCALE} decimals of a register
 * unit (or the delta's own scale, if finer) such that they add up to the delta exactly: the share of the first
 * {@code k} pieces is {@code round(delta x elapsed_k / duration)}. Each piece is priced by the version in force at
 * its start; in a tiered piece that starts a new billing period the tiers restart at zero. A version change inside
 * a billing period does not restart the count: the period's consumption so far carries into the new version's tiers.
 * An interval of zero duration is priced by the version in force at that moment.
 *
 * <h2>Schedules</h2>
 * Flat: quantity x price. Tiered: the units from {@code counted} to {@code counted + quantity} are split over the
 * blocks they fall into. Time-of-use: each register's delta times that register's price; a register the version
 * does not price is refused. A flat or tiered version applied to per-register deltas prices their sum.
 *
 * <h2>Standing charge</h2>
 * Each day (midnight to midnight in the tariff's zone) costs the daily standing charge of the version in force at the
 * day's start; days starting before the first version cost nothing.
 */
public final class TariffEngine {
    /** Decimals of a register unit kept when a delta is apportioned over pieces of its interval. */
    public static final int PRORATE_SCALE = 6;

    private TariffEngine() {
    }

    /**
     * Prices one consumption delta.
     *
     * @param counter the tier counter returned with the previous delta of this account (or {@code null} when none)
     * @throws RuleViolation {@code tariff-no-version-in-force} if part of the interval lies before the first version;
     *                       {@code tariff-register-not-priced} / {@code tariff-registers-required} for time-of-use
     *                       deltas that do not fit the version's registers
     */
    public static PricedConsumption price(TariffTimeline timeline, ConsumptionDelta delta, TierCounter counter) {
        List<Piece> pieces = pieces(timeline, delta.from(), delta.to());
        long[] ends = new long[pieces.size()];
        for (int i = 0; i < pieces.size(); i++) {
            ends[i] = nanos(delta.from(), pieces.get(i).to());
        }
        BigDecimal[] totals = apportion(delta.quantity(), ends);
        Map<String, BigDecimal[]> registerShares = new java.util.TreeMap<>();
        delta.registers().forEach((register, quantity) -> registerShares.put(register, apportion(quantity, ends)));

        List<ChargeLine> lines = new ArrayList<>();
        TierCounter running = counter;
        for (int i = 0; i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            BigDecimal quantity = totals[i];
            switch (piece.version().version().schedule()) {
                case TariffSchedule.Flat flat -> addLine(lines, piece, ChargeKind.FLAT, "flat", quantity, flat.price());
                case TariffSchedule.Tiered tiered -> {
                    LocalDate periodStart = periodStart(piece.from(), tiered.period(), timeline.zone());
                    BigDecimal counted = running != null && running.period() == tiered.period()
                            && running.periodStart().equals(periodStart) ? running.counted() : BigDecimal.ZERO;
                    splitTiers(tiered.blocks(), counted, quantity, (tier, share, price) ->
                            addLine(lines, piece, ChargeKind.TIER, "tier-" + tier, share, price));
                    running = new TierCounter(tiered.period(), periodStart, counted.add(quantity));
                }
                case TariffSchedule.TimeOfUse timeOfUse -> {
                    if (registerShares.isEmpty()) {
                        if (quantity.signum() == 0) {
                            continue;
                        }
                        throw new RuleViolation(TariffRules.REGISTERS_REQUIRED, Reason.of(
                                "tariff-registers-required-consumption", "version " + piece.version().number()
                                        + " is time-of-use: consumption must come per register, not as a total",
                                piece.version().number()));
                    }
                    for (Map.Entry<String, BigDecimal[]> share : registerShares.entrySet()) {
                        BigDecimal price = timeOfUse.registerPrices().get(share.getKey());
                        BigDecimal registerQuantity = share.getValue()[i];
                        if (price == null) {
                            if (registerQuantity.signum() == 0) {
                                continue;
                            }
                            throw new RuleViolation(TariffRules.REGISTER_NOT_PRICED, "register " + share.getKey()
                                    + " has no price in version " + piece.version().number() + " (it prices "
                                    + timeOfUse.registerPrices().keySet() + ")");
                        }
                        addLine(lines, piece, ChargeKind.REGISTER, share.getKey(), registerQuantity, price);
                    }
                }
            }
        }
        return new PricedConsumption(TariffBreakdown.of(lines), running);
    }

    /**
     * Standing charges for the days {@code firstDay} (inclusive) to {@code endDay} (exclusive), local dates in the
     * tariff's zone: one line per version with the number of days it governs.
     */
    public static TariffBreakdown standingCharge(TariffTimeline timeline, LocalDate firstDay, LocalDate endDay) {
        if (endDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("the span of days ends before it starts");
        }
        ZoneId zone = timeline.zone();
        List<ChargeLine> lines = new ArrayList<>();
        for (int i = 0; i < timeline.versions().size(); i++) {
            TimelineDays days = new TimelineDays(timeline, i);
            LocalDate start = max(firstDay, days.first());
            LocalDate end = days.endExclusive() == null ? endDay : min(endDay, days.endExclusive());
            if (start.isBefore(end)) {
                BigDecimal count = BigDecimal.valueOf(ChronoUnit.DAYS.between(start, end));
                BigDecimal rate = timeline.versions().get(i).standingChargePerDay();
                lines.add(new ChargeLine(i + 1, ChargeKind.STANDING_CHARGE, "standing-charge",
                        start.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant(), count, rate,
                        count.multiply(rate)));
            }
        }
        return TariffBreakdown.of(lines);
    }

    /** Receives one tier's share: 1-based tier number, quantity inside the tier, the tier's price. */
    @FunctionalInterface
    public interface TierShare {
        void accept(int tier, BigDecimal quantity, BigDecimal price);
    }

    /**
     * Splits the units from {@code counted} to {@code counted + quantity} (counted within the billing period) over
     * the blocks; blocks the span does not touch are not reported.
     */
    public static void splitTiers(List<TierBlock> blocks, BigDecimal counted, BigDecimal quantity, TierShare sink) {
        BigDecimal start = counted;
        BigDecimal end = counted.add(quantity);
        BigDecimal lower = BigDecimal.ZERO;
        for (int i = 0; i < blocks.size() && start.compareTo(end) < 0; i++) {
            TierBlock block = blocks.get(i);
            BigDecimal upper = block.upTo();
            if (upper == null || start.compareTo(upper) < 0) {
                BigDecimal from = start.max(lower);
                BigDecimal to = upper == null ? end : end.min(upper);
                if (from.compareTo(to) < 0) {
                    sink.accept(i + 1, to.subtract(from), block.price());
                    start = to;
                }
            }
            if (upper != null) {
                lower = upper;
            }
        }
    }

    /** Local date on which the billing period containing {@code moment} starts. */
    public static LocalDate periodStart(Instant moment, BillingPeriod period, ZoneId zone) {
        LocalDate day = moment.atZone(zone).toLocalDate();
        return switch (period) {
            case MONTH -> day.withDayOfMonth(1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    private static LocalDate nextPeriodStart(LocalDate start, BillingPeriod period) {
        return switch (period) {
            case MONTH -> start.plusMonths(1);
            case YEAR -> start.plusYears(1);
        };
    }

    /** A piece of a reading interval governed by one version (and, for tiered versions, one billing period). */
    private record Piece(Instant from, Instant to, TariffTimeline.InForce version) {
    }

    private static List<Piece> pieces(TariffTimeline timeline, Instant from, Instant to) {
        List<Piece> pieces = new ArrayList<>();
        Instant at = from;
        do {
            TariffTimeline.InForce version = inForceAt(timeline, at);
            Instant end = version.until() == null || version.until().isAfter(to) ? to : version.until();
            if (version.version().schedule() instanceof TariffSchedule.Tiered tiered) {
                ZoneId zone = timeline.zone();
                LocalDate period = periodStart(at, tiered.period(), zone);
                Instant boundary = nextPeriodStart(period, tiered.period()).atStartOfDay(zone).toInstant();
                while (boundary.isBefore(end)) {
                    pieces.add(new Piece(at, boundary, version));
                    at = boundary;
                    period = nextPeriodStart(period, tiered.period());
                    boundary = nextPeriodStart(period, tiered.period()).atStartOfDay(zone).toInstant();
                }
            }
            pieces.add(new Piece(at, end, version));
            at = end;
        } while (at.isBefore(to));
        return pieces;
    }

    private static TariffTimeline.InForce inForceAt(TariffTimeline timeline, Instant moment) {
        String english = "no version of the tariff is in force at " + moment;
        return timeline.versionAt(moment).orElseThrow(() -> new RuleViolation(TariffRules.NO_VERSION_IN_FORCE,
                timeline.versions().isEmpty()
                        ? Reason.of("tariff-no-version-published", english + " (none published)", moment)
                        : Reason.of("tariff-version-not-yet-in-force", english + " (the first takes effect at "
                        + timeline.versions().getFirst().effectiveFrom() + ")", moment,
                        timeline.versions().getFirst().effectiveFrom())));
    }

    /** Shares of {@code quantity} for pieces ending {@code ends[i]} nanoseconds into the interval; exact sum. */
    private static BigDecimal[] apportion(BigDecimal quantity, long[] ends) {
        BigDecimal[] shares = new BigDecimal[ends.length];
        if (ends.length == 1) {
            shares[0] = quantity;
            return shares;
        }
        BigDecimal duration = BigDecimal.valueOf(ends[ends.length - 1]);
        int scale = Math.max(PRORATE_SCALE, quantity.scale());
        BigDecimal before = BigDecimal.ZERO;
        for (int i = 0; i < ends.length; i++) {
            BigDecimal upToHere = i == ends.length - 1 ? quantity
                    : quantity.multiply(BigDecimal.valueOf(ends[i])).divide(duration, scale, RoundingMode.HALF_EVEN);
            shares[i] = tidy(upToHere.subtract(before), quantity.scale());
            before = upToHere;
        }
        return shares;
    }

    /** Drops the zeros apportioning added (24.000000 -> 24), never below the delta's own scale. */
    private static BigDecimal tidy(BigDecimal share, int originalScale) {
        BigDecimal stripped = share.stripTrailingZeros();
        int scale = Math.max(stripped.scale(), Math.max(originalScale, 0));
        return stripped.setScale(scale, RoundingMode.UNNECESSARY);
    }

    private static long nanos(Instant from, Instant to) {
        return Duration.between(from, to).toNanos();
    }

    private static void addLine(List<ChargeLine> lines, Piece piece, ChargeKind kind, String component,
                                BigDecimal quantity, BigDecimal price) {
        if (quantity.signum() == 0) {
            return;
        }
        lines.add(new ChargeLine(piece.version().number(), kind, component, piece.from(), piece.to(), quantity, price,
                quantity.multiply(price)));
    }

    /** The days a version's standing charge governs: from the first midnight at or after it takes effect. */
    private record TimelineDays(LocalDate first, LocalDate endExclusive) {
        TimelineDays(TariffTimeline timeline, int index) {
            this(firstMidnightAtOrAfter(timeline.versions().get(index).effectiveFrom(), timeline.zone()),
                    index + 1 < timeline.versions().size()
                            ? firstMidnightAtOrAfter(timeline.versions().get(index + 1).effectiveFrom(), timeline.zone())
                            : null);
        }
    }

    private static LocalDate firstMidnightAtOrAfter(Instant moment, ZoneId zone) {
        LocalDate day = moment.atZone(zone).toLocalDate();
        return day.atStartOfDay(zone).toInstant().isBefore(moment) ? day.plusDays(1) : day;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
