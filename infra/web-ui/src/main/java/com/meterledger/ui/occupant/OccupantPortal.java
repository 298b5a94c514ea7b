package com.meterledger.ui.occupant;

import com.meterledger.api.tenant.FindLandlord;
import com.meterledger.api.tenant.Landlord;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import com.meterledger.api.account.AccountState;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.tariff.BillingPeriod;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TariffVersion;
import com.meterledger.api.tariff.TierBlock;
import com.meterledger.core.account.DaysLeft;
import com.meterledger.core.settings.TenantSettingsReader;
import com.meterledger.core.supply.FriendlyWindow;
import com.meterledger.core.supply.SupplyCalendars;
import com.meterledger.core.tariff.TariffReader;
import com.meterledger.query.account.AccountQueries;
import com.meterledger.query.account.OccupantPortalQueries;
import com.meterledger.ui.i18n.PageTexts;
import com.meterledger.ui.staff.UiFormat;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the occupant's portal shows of one account, worked out for one page view (the payment form is the
 * controller's): where it is, its supply, how long the balance lasts, use per day and month, the tariff in force and
 * which tier applies now, the money in and out, and what happens at zero. Every figure is read for the account the
 * link opens, in its tenant; the words are the bundles' ({@code portal.*}).
 */
@Component
public class OccupantPortal {
    static final int CHART_DAYS = 30;
    static final int CHART_MONTHS = 12;
    /** The days the table of recent use lists. */
    static final int RECENT_DAYS = 7;
    /** The days whose charges make "the recent rate of use". */
    static final int RATE_DAYS = 7;

    private final OccupantPortalQueries portal;
    private final TariffReader tariffs;
    private final SupplyCalendars calendars;
    private final TenantSettingsReader settings;
    private final PageTexts texts;
    private final QueryGateway queries;

    public OccupantPortal(OccupantPortalQueries portal, TariffReader tariffs, SupplyCalendars calendars,
                          TenantSettingsReader settings, PageTexts texts, QueryGateway queries) {
        this.queries = queries;
        this.portal = portal;
        this.tariffs = tariffs;
        this.calendars = calendars;
        this.settings = settings;
        this.texts = texts;
    }

    /** One tier of the tariff as the page lists it; {@code now}: the next unit is priced by it. */
    public record TierLine(String range, String price, boolean now) {
    }

    /** The tariff in force, explained: its shape, its lines, and for tiers what was counted this period. */
    public record TariffNow(String kind, List<TierLine> lines, String counted, String standing) {
    }

    /** The ledger's credit or refund as the portal lists it; {@code receipt}: a credit has one. */
    public record PaymentLine(long sequence, String when, String kind, String amount, boolean receipt) {
    }

    /** A day of the recent-use table. */
    public record RecentDay(String date, String quantity, String cost) {
    }

    /** The portal's part of the page's model. */
    public Map<String, Object> model(TenantId tenant, AccountQueries.AccountBalance account, UiFormat fmt) {
        Map<String, Object> model = new HashMap<>();
        String id = account.accountId();
        String currency = account.currency();
        ZoneId zone = fmt.zone();
        OccupantPortalQueries.Place place = portal.place(tenant, id);
        String unit = unitOf(place.utility());
        model.put("propertyName", place.propertyName());
        model.put("unitName", place.unitName());
        model.put("utility", place.utility().name());
        model.put("unitOfMeasure", unit);
        model.put("supply", supplyKey(account));
        model.put("daysLeft", daysLeft(tenant, account));

        LocalDate today = LocalDate.now(zone);
        List<OccupantPortalQueries.Usage> days = portal.daily(tenant, id, zone, today.minusDays(CHART_DAYS - 1));
        Map<String, OccupantPortalQueries.Usage> byDay = index(days);
        List<UsageChart.Point> dayPoints = new ArrayList<>();
        DateTimeFormatter dayLabel = DateTimeFormatter.ofPattern(texts.text("portal.day-pattern"), fmt.locale());
        for (LocalDate day = today.minusDays(CHART_DAYS - 1); !day.isAfter(today); day = day.plusDays(1)) {
            OccupantPortalQueries.Usage usage = byDay.get(day.toString());
            dayPoints.add(point(day.format(dayLabel), fmt.day(day), usage, currency, fmt));
        }
        model.put("dailyChart", UsageChart.of(dayPoints, 7));
        // the last week's days with use, newest first, as a table; and the 30 days' total
        List<RecentDay> recent = new ArrayList<>();
        for (int i = days.size() - 1; i >= 0; i--) {
            LocalDate day = LocalDate.parse(days.get(i).period());
            if (day.isAfter(today.minusDays(RECENT_DAYS))) {
                recent.add(new RecentDay(fmt.day(day), plain(days.get(i).quantity()),
                        fmt.money(days.get(i).costMinor(), currency)));
            }
        }
        model.put("days", recent);
        model.put("lastMonth", fmt.money(days.stream().mapToLong(OccupantPortalQueries.Usage::costMinor).sum(),
                currency));
        YearMonth month = YearMonth.now(zone);
        Map<String, OccupantPortalQueries.Usage> byMonth =
                index(portal.monthly(tenant, id, zone, month.minusMonths(CHART_MONTHS - 1)));
        List<UsageChart.Point> monthPoints = new ArrayList<>();
        DateTimeFormatter monthLabel = DateTimeFormatter.ofPattern(texts.text("portal.month-pattern"), fmt.locale());
        for (YearMonth m = month.minusMonths(CHART_MONTHS - 1); !m.isAfter(month); m = m.plusMonths(1)) {
            String label = m.format(monthLabel);
            monthPoints.add(point(label, label, byMonth.get(m.toString()), currency, fmt));
        }
        model.put("monthlyChart", UsageChart.of(monthPoints, 3));

        if (place.tariffId() != null) {
            model.put("tariff", tariffNow(tenant, id, new TariffId(place.tariffId()), unit, fmt));
        }
        model.put("payments", portal.payments(tenant, id).stream().map(line -> new PaymentLine(line.sequence(),
                fmt.time(line.at()), line.kind(), fmt.money(line.amountMinor(), currency),
                line.kind().equals("CREDIT"))).toList());
        model.put("friendly", friendly(tenant));
        model.put("landlord", landlord(tenant).orElse(null));
        model.put("protectedSupply", account.protectedSupply());
        return model;
    }

    /**
     * Whom the occupant asks for help: the landlord's organisation as it signed up (an occupant has never heard of the
     * platform, and the SMS sender name is at most 20 characters and "MeterLedger" until changed); nothing for a
     * tenant that is not data, whose page says "your landlord".
     */
    public Optional<String> landlord(TenantId tenant) {
        return queries.query(new FindLandlord(tenant), ResponseTypes.optionalInstanceOf(Landlord.class)).join()
                .map(Landlord::name);
    }

    /** The bundle key of the account's supply as the occupant reads it. */
    public static String supplyKey(AccountQueries.AccountBalance account) {
        AccountState.Supply supply = account.state().supply();
        if (supply.awaitsConfirmation()) {
            return "portal.supply.pending." + supply.pending().name();
        }
        return "portal.supply." + supply.confirmed().name();
    }

    /**
     * "about N days left", or why there is no such figure, in the page's language. The recent rate is what the
     * readings of the last {@link #RATE_DAYS} days (as hours, not calendar days, so midnight changes nothing) were
     * charged per day; an account opened since then counts from its opening, and at least one day.
     */
    public String daysLeft(TenantId tenant, AccountQueries.AccountBalance account) {
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofDays(RATE_DAYS));
        if (account.openedAt() != null && account.openedAt().isAfter(from)) {
            from = account.openedAt().isAfter(now.minus(Duration.ofDays(1))) ? now.minus(Duration.ofDays(1))
                    : account.openedAt();
        }
        int days = (int) Math.max(1, (Duration.between(from, now).toHours() + 23) / 24);
        long charged = portal.chargedSince(tenant, account.accountId(), from);
        return switch (DaysLeft.of(account.balanceMinor(), charged, days)) {
            case DaysLeft.Days left -> texts.text("portal.days-left", left.days());
            case DaysLeft.NothingLeft ignored -> texts.text("portal.days-left.none");
            case DaysLeft.NoRecentUse ignored -> texts.text("portal.days-left.no-use");
        };
    }

    private TariffNow tariffNow(TenantId tenant, String accountId, TariffId tariffId, String unit, UiFormat fmt) {
        TariffReader.TariffState state = tariffs.read(tenant, tariffId);
        Instant now = Instant.now();
        TariffVersion inForce = null;
        for (TariffVersion version : state.versions()) {
            if (!version.effectiveFrom().isAfter(now)) {
                inForce = version;
            }
        }
        if (inForce == null) {
            return null;
        }
        String currency = state.currency().getCurrencyCode();
        String standing = inForce.standingChargePerDay().signum() == 0 ? null
                : texts.text("portal.tariff.standing", price(inForce.standingChargePerDay(), currency, null));
        return switch (inForce.schedule()) {
            case TariffSchedule.Flat flat -> new TariffNow("FLAT",
                    List.of(new TierLine(texts.text("portal.tariff.every-unit"), price(flat.price(), currency, unit),
                            true)), null, standing);
            case TariffSchedule.TimeOfUse timeOfUse -> {
                List<TierLine> lines = new ArrayList<>();
                timeOfUse.registerPrices().forEach((register, price) -> lines.add(new TierLine(
                        texts.textOr(register, "portal.tariff.register." + register), price(price, currency, unit),
                        false)));
                yield new TariffNow("TIME_OF_USE", lines, null, standing);
            }
            case TariffSchedule.Tiered tiered -> {
                ZonedDateTime local = now.atZone(state.zone());
                ZonedDateTime periodStart = tiered.period() == BillingPeriod.MONTH
                        ? local.toLocalDate().withDayOfMonth(1).atStartOfDay(state.zone())
                        : local.toLocalDate().withDayOfYear(1).atStartOfDay(state.zone());
                BigDecimal counted = portal.usedSince(tenant, accountId, periodStart.toInstant());
                int current = tiered.blockAt(counted);
                List<TierLine> lines = new ArrayList<>();
                BigDecimal from = BigDecimal.ZERO;
                for (int i = 0; i < tiered.blocks().size(); i++) {
                    TierBlock block = tiered.blocks().get(i);
                    String range = block.upTo() == null
                            ? texts.text("portal.tariff.tier.above", i + 1, plain(from), unit)
                            : texts.text("portal.tariff.tier.range", i + 1, plain(from), plain(block.upTo()), unit);
                    lines.add(new TierLine(range, price(block.price(), currency, unit), i == current));
                    if (block.upTo() != null) {
                        from = block.upTo();
                    }
                }
                yield new TariffNow("TIERED", lines, texts.text("portal.tariff.counted."
                        + tiered.period().name(), plain(counted), unit), standing);
            }
        };
    }

    /** The tenant's friendly hours as the occupant reads them. */
    private Map<String, Object> friendly(TenantId tenant) {
        FriendlyWindow window = calendars.of(tenant.value());
        Map<String, Object> friendly = new LinkedHashMap<>();
        friendly.put("nights", !window.nightStart().equals(window.nightEnd()));
        friendly.put("from", window.nightStart().toString());
        friendly.put("until", window.nightEnd().toString());
        friendly.put("weekends", window.weekends());
        friendly.put("holidays", !window.holidays().isEmpty());
        friendly.put("now", window.contains(Instant.now()));
        return friendly;
    }

    /** A price in minor units per register unit as major units: {@code 0.568 CNY/kWh}. */
    private String price(BigDecimal minorPerUnit, String currency, String unit) {
        BigDecimal major = minorPerUnit.movePointLeft(Currency.getInstance(currency).getDefaultFractionDigits());
        String amount = plain(major) + " " + currency;
        return unit == null ? amount : texts.text("portal.tariff.per-unit", amount, unit);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private String unitOf(Utility utility) {
        return texts.text("portal.unit." + utility.name());
    }

    private static UsageChart.Point point(String label, String title, OccupantPortalQueries.Usage usage,
                                          String currency, UiFormat fmt) {
        return usage == null ? new UsageChart.Point(label, title, BigDecimal.ZERO, fmt.money(0, currency))
                : new UsageChart.Point(label, title, usage.quantity(), fmt.money(usage.costMinor(), currency));
    }

    private static Map<String, OccupantPortalQueries.Usage> index(List<OccupantPortalQueries.Usage> usages) {
        Map<String, OccupantPortalQueries.Usage> byPeriod = new HashMap<>();
        usages.forEach(usage -> byPeriod.put(usage.period(), usage));
        return byPeriod;
    }
}
