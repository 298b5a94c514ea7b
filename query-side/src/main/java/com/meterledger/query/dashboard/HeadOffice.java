package com.meterledger.query.dashboard;

import com.meterledger.api.account.AccountState.Standing;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Head office: every property's figures side by side, and the seed's KPIs per property (issue 18, items 4 and 6).
 * Everything comes from read models kept incrementally, in a fixed number of statements whatever the tenant holds:
 * the figures of now, today and this month ({@code dashboard_figure}), balances held (one grouped scan of
 * {@code dashboard_account}), collection completeness (an index range of {@code meter_view}), the gateways' hourly
 * tallies (the view {@code gateway_activity_hour} their module publishes) and the commands that missed.
 * <p>
 * The KPIs, as the seed defines them:
 * <ul>
 *   <li>collection completeness: the share of a property's active meters (supplying an open account) read in the last
 *   24 hours, and today;</li>
 *   <li>communication success: the uplink items of the last 24 hours that the property's gateways had taken, against
 *   all they sent (taken and refused);</li>
 *   <li>control-command success: of today's ended commands, those the meter carried out, against the seed's target
 *   {@link #COMMAND_TARGET}; the meters that missed are named.</li>
 * </ul>
 */
@Service
public class HeadOffice {
    /** The seed's target for control-command success. */
    public static final BigDecimal COMMAND_TARGET = new BigDecimal("0.9995");
    /** At most this many missed commands are named per property. */
    static final int MISSED_SHOWN = 20;

    private final JdbcClient jdbc;
    private final TenantZones zones;

    public HeadOffice(JdbcClient jdbc, TenantZones zones) {
        this.jdbc = jdbc;
        this.zones = zones;
    }

    /** @param share null when there was nothing to count (no active meter, no message, no command) */
    public record Kpis(long activeMeters, long readLast24h, long readToday, BigDecimal collectionCompleteness,
                       long itemsTaken24h, long itemsRefused24h, BigDecimal communicationSuccess,
                       long commandsCarriedOutToday, long commandsMissedToday, BigDecimal commandSuccess,
                       Boolean commandTargetMet, List<MissedCommand> missed) {
        /** The share as a number; null stays null. */
        static BigDecimal share(long part, long whole) {
            return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.DOWN);
        }
    }

    public record MissedCommand(String meterId, String commandId, String action, String reason, Instant endedAt) {
    }

    public record Money(String currency, long minor) {
    }

    public record PropertyFigures(String propertyId, String name, List<Money> balancesHeld, List<Money> arrears,
                                  PropertyDashboard.AccountStates accounts,
                                  List<PropertyDashboard.Consumption> consumption,
                                  List<PropertyDashboard.MoneyFigures> money, Kpis kpis) {
    }

    public record Overview(Instant asOf, String zone, LocalDate day, YearMonth month,
                           List<PropertyFigures> properties) {
    }

    /** Every property the scope shows, in id order. */
    @Transactional(readOnly = true)
    public Overview overview(TenantId tenant, PropertyScope scope) {
        Instant now = DashboardSettings.CLOCK.instant();
        ZoneId zone = zones.of(tenant.value());
        LocalDate day = DashboardSettings.day(now, zone);
        YearMonth month = DashboardSettings.month(now, zone);
        String today = Figures.period(day);
        String thisMonth = Figures.period(month);

        Map<String, String> names = new TreeMap<>();
        jdbc.sql("select property_id, name from registry_property where tenant_id = ?").param(tenant.value())
                .query(rs -> {
                    if (scope.includes(rs.getString(1))) {
                        names.put(rs.getString(1), rs.getString(2));
                    }
                });
        // property -> period -> figure -> amount
        Map<String, Map<String, Map<String, BigDecimal>>> figures = new HashMap<>();
        jdbc.sql("select property_id, period, figure, amount from dashboard_figure where tenant_id = ? "
                        + "and period in (?, ?, ?)")
                .params(tenant.value(), Figures.CURRENT, today, thisMonth)
                .query(rs -> {
                    figures.computeIfAbsent(rs.getString(1), p -> new HashMap<>())
                            .computeIfAbsent(rs.getString(2), p -> new HashMap<>())
                            .put(rs.getString(3), rs.getBigDecimal(4));
                });
        Map<String, List<Money>> held = new HashMap<>();
        jdbc.sql("""
                        select property_id, currency, sum(balance_minor) from dashboard_account
                        where tenant_id = ? and not closed and balance_minor > 0 and property_id is not null
                        group by property_id, currency order by property_id, currency""")
                .param(tenant.value())
                .query(rs -> {
                    held.computeIfAbsent(rs.getString(1), p -> new ArrayList<>())
                            .add(new Money(rs.getString(2), rs.getLong(3)));
                });
        Map<String, long[]> reads = new HashMap<>();
        jdbc.sql("""
                        select property_id, count(*), count(*) filter (where last_read_at >= ?),
                            count(*) filter (where last_read_at >= ?)
                        from meter_view where tenant_id = ? and account_id is not null and property_id is not null
                        group by property_id""")
                .params(Timestamp.from(now.minus(Duration.ofHours(24))),
                        Timestamp.from(day.atStartOfDay(zone).toInstant()), tenant.value())
                .query(rs -> {
                    reads.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                });
        Map<String, long[]> messages = new HashMap<>();
        jdbc.sql("""
                        select property_id, sum(accepted), sum(refused) from gateway_activity_hour
                        where tenant_id = ? and hour >= ? group by property_id""")
                .params(tenant.value(), Timestamp.from(now.minus(Duration.ofHours(24))))
                .query(rs -> {
                    messages.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)});
                });
        Map<String, List<MissedCommand>> missed = new HashMap<>();
        jdbc.sql("""
                        select property_id, meter_id, command_id, action, reason, ended_at from (
                            select *, row_number() over (partition by property_id order by ended_at desc) as n
                            from dashboard_command_miss where tenant_id = ? and day = ?) m
                        where n <= ? order by property_id, ended_at desc""")
                .params(tenant.value(), today, MISSED_SHOWN)
                .query(rs -> {
                    missed.computeIfAbsent(rs.getString(1), p -> new ArrayList<>()).add(new MissedCommand(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant()));
                });

        List<PropertyFigures> properties = new ArrayList<>();
        for (Map.Entry<String, String> property : names.entrySet()) {
            String id = property.getKey();
            Map<String, Map<String, BigDecimal>> of = figures.getOrDefault(id, Map.of());
            Map<String, BigDecimal> current = of.getOrDefault(Figures.CURRENT, Map.of());
            Map<String, BigDecimal> ofDay = of.getOrDefault(today, Map.of());
            Map<String, BigDecimal> ofMonth = of.getOrDefault(thisMonth, Map.of());
            PropertyDashboard.AccountStates states = new PropertyDashboard.AccountStates(
                    whole(current, Figures.accounts(Standing.ACTIVE)), whole(current, Figures.accounts(Standing.LOW)),
                    whole(current, Figures.accounts(Standing.DEPLETED)), whole(current, Figures.accounts(Standing.CUT)),
                    whole(current, Figures.accounts(Standing.CLOSED)));
            List<PropertyDashboard.Consumption> consumption = new ArrayList<>();
            for (Utility utility : Utility.values()) {
                String key = Figures.consumption(utility);
                if (ofDay.containsKey(key) || ofMonth.containsKey(key)) {
                    consumption.add(new PropertyDashboard.Consumption(utility, utility.registerUnit(),
                            ofDay.getOrDefault(key, BigDecimal.ZERO).setScale(3),
                            ofMonth.getOrDefault(key, BigDecimal.ZERO).setScale(3)));
                }
            }
            TreeSet<String> currencies = new TreeSet<>();
            List<Money> arrears = new ArrayList<>();
            for (Map<String, BigDecimal> period : List.of(current, ofDay, ofMonth)) {
                period.keySet().stream().filter(k -> k.startsWith("charges:") || k.startsWith("credits:")
                        || k.startsWith("arrears:")).map(k -> k.substring(k.indexOf(':') + 1)).forEach(currencies::add);
            }
            List<PropertyDashboard.MoneyFigures> money = new ArrayList<>();
            for (String currency : currencies) {
                money.add(new PropertyDashboard.MoneyFigures(currency, whole(ofDay, Figures.charges(currency)),
                        whole(ofMonth, Figures.charges(currency)), whole(ofDay, Figures.credits(currency)),
                        whole(ofMonth, Figures.credits(currency)), whole(current, Figures.arrears(currency))));
                arrears.add(new Money(currency, whole(current, Figures.arrears(currency))));
            }
            long[] read = reads.getOrDefault(id, new long[3]);
            long[] sent = messages.getOrDefault(id, new long[2]);
            long carriedOut = whole(ofDay, Figures.COMMANDS_CONFIRMED);
            long miss = whole(ofDay, Figures.COMMANDS_MISSED);
            BigDecimal commandShare = Kpis.share(carriedOut, carriedOut + miss);
            Kpis kpis = new Kpis(read[0], read[1], read[2], Kpis.share(read[1], read[0]), sent[0], sent[1],
                    Kpis.share(sent[0], sent[0] + sent[1]), carriedOut, miss, commandShare,
                    commandShare == null ? null : commandShare.compareTo(COMMAND_TARGET) >= 0,
                    missed.getOrDefault(id, List.of()));
            properties.add(new PropertyFigures(id, property.getValue(), held.getOrDefault(id, List.of()), arrears,
                    states, consumption, money, kpis));
        }
        return new Overview(now, zone.getId(), day, month, properties);
    }

    /** One point of a chart over time: a day (YYYY-MM-DD) or a month (YYYY-MM) and its sums. */
    public record Point(String period, Map<String, BigDecimal> consumption, Map<String, Long> charges) {
    }

    /**
     * A property's daily (the last {@code days} days, today included) and monthly (the last {@code months} months)
     * consumption per utility and revenue (charges) per currency, oldest first, every period present (zero when
     * nothing happened). {@code property} null: every property the scope shows, summed.
     */
    @Transactional(readOnly = true)
    public List<Point> overTime(TenantId tenant, PropertyScope scope, String property, boolean monthly, int count) {
        if (property != null && jdbc.sql("select count(*) from registry_property where tenant_id = ? and property_id = ?")
                .params(tenant.value(), property).query(Long.class).single() == 0) {
            throw new NotFound("property", property);
        }
        Instant now = DashboardSettings.CLOCK.instant();
        ZoneId zone = zones.of(tenant.value());
        LocalDate day = DashboardSettings.day(now, zone);
        List<String> periods = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            periods.add(monthly ? Figures.period(YearMonth.from(day).minusMonths(i)) : Figures.period(day.minusDays(i)));
        }
        Map<String, Map<String, BigDecimal>> consumption = new LinkedHashMap<>();
        Map<String, Map<String, Long>> charges = new LinkedHashMap<>();
        periods.forEach(p -> {
            consumption.put(p, new TreeMap<>());
            charges.put(p, new TreeMap<>());
        });
        List<Object> params = new ArrayList<>(List.of(tenant.value(), periods.getFirst(), periods.getLast(),
                monthly ? 7 : 10));
        String where = "tenant_id = ? and period >= ? and period <= ? and length(period) = ? "
                + "and (figure like 'consumption:%' or figure like 'charges:%')";
        if (property != null) {
            where += " and property_id = ?";
            params.add(property);
        }
        if (!scope.all()) {
            where += " and property_id = any(?)";
            params.add(scope.array());
        }
        jdbc.sql("select period, figure, sum(amount) from dashboard_figure where " + where + " group by period, figure")
                .params(params)
                .query(rs -> {
                    String period = rs.getString(1);
                    String figure = rs.getString(2);
                    String key = figure.substring(figure.indexOf(':') + 1);
                    if (!consumption.containsKey(period)) {
                        return;
                    }
                    if (figure.startsWith("consumption:")) {
                        consumption.get(period).put(key, rs.getBigDecimal(3).setScale(3, RoundingMode.UNNECESSARY));
                    } else {
                        charges.get(period).put(key, rs.getBigDecimal(3).longValueExact());
                    }
                });
        return periods.stream().map(p -> new Point(p, consumption.get(p), charges.get(p))).toList();
    }

    /**
     * An account's daily or monthly consumption and charges, oldest first, every period present, from its ledger's
     * charge lines (account-projection's rows), in the dashboards' zone.
     */
    @Transactional(readOnly = true)
    public List<Point> accountOverTime(TenantId tenant, String accountId, String currency, boolean monthly, int count) {
        Instant now = DashboardSettings.CLOCK.instant();
        ZoneId zone = zones.of(tenant.value());
        LocalDate day = DashboardSettings.day(now, zone);
        List<String> periods = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            periods.add(monthly ? Figures.period(YearMonth.from(day).minusMonths(i)) : Figures.period(day.minusDays(i)));
        }
        Instant from = monthly ? DashboardSettings.start(YearMonth.from(day).minusMonths(count - 1), zone)
                : day.minusDays(count - 1).atStartOfDay(zone).toInstant();
        Map<String, Point> points = new LinkedHashMap<>();
        periods.forEach(p -> points.put(p, new Point(p, new TreeMap<>(), new TreeMap<>())));
        jdbc.sql("""
                        select to_char(coalesce(read_at, occurred_at) at time zone ?, ?), sum(quantity), -sum(amount_minor)
                        from account_ledger_line
                        where tenant_id = ? and account_id = ? and kind = 'CHARGE' and occurred_at >= ?
                        group by 1""")
                .params(zone.getId(), monthly ? "YYYY-MM" : "YYYY-MM-DD", tenant.value(), accountId,
                        Timestamp.from(from))
                .query(rs -> {
                    Point point = points.get(rs.getString(1));
                    if (point != null) {
                        point.consumption().put("quantity", rs.getBigDecimal(2) == null ? BigDecimal.ZERO.setScale(3)
                                : rs.getBigDecimal(2).setScale(3, RoundingMode.UNNECESSARY));
                        point.charges().put(currency, rs.getLong(3));
                    }
                });
        return List.copyOf(points.values());
    }

    private static long whole(Map<String, BigDecimal> figures, String key) {
        BigDecimal value = figures.get(key);
        return value == null ? 0 : value.longValueExact();
    }
}
