package com.meterledger.query.dashboard;

import com.meterledger.api.account.AccountState.Standing;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.gateway.FindPropertyGateways;
import com.meterledger.api.gateway.GatewayStatus;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.query.dashboard.PropertyDashboard.AccountStates;
import com.meterledger.query.dashboard.PropertyDashboard.Consumption;
import com.meterledger.query.dashboard.PropertyDashboard.HeldCut;
import com.meterledger.query.dashboard.PropertyDashboard.MoneyFigures;
import com.meterledger.query.dashboard.PropertyDashboard.OfflineGateway;
import com.meterledger.query.dashboard.PropertyDashboard.PendingCommand;
import com.meterledger.query.dashboard.PropertyDashboard.TopConsumer;
import com.meterledger.query.report.PeriodReports;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Dashboards from dashboard-projection's figures (a few index lookups per property, independent of how many meters
 * or events it has), and the head-office roll-up from the period reports.
 */
@Service
public class DashboardQueries {
    /** A dashboard lists at most this many held cuts, longest held first; the accounts list shows every one. */
    private static final int HELD_CUTS = 50;
    private final JdbcClient jdbc;
    private final QueryGateway queries;
    private final PeriodReports reports;
    private final DashboardSettings settings;

    private final TenantZones zones;

    public DashboardQueries(JdbcClient jdbc, QueryGateway queries, PeriodReports reports, DashboardSettings settings,
                            TenantZones zones) {
        this.zones = zones;
        this.jdbc = jdbc;
        this.queries = queries;
        this.reports = reports;
        this.settings = settings;
    }

    /** The property's dashboard now; {@link NotFound} for a property that is not the tenant's. */
    @Transactional(readOnly = true)
    public PropertyDashboard dashboard(TenantId tenant, PropertyId property) {
        Instant now = DashboardSettings.CLOCK.instant();
        ZoneId zone = zones.of(tenant.value());
        LocalDate day = DashboardSettings.day(now, zone);
        YearMonth month = DashboardSettings.month(now, zone);
        String today = Figures.period(day);
        String thisMonth = Figures.period(month);

        // the property's name and its figures of now, today and this month in one round trip
        Map<String, Map<String, BigDecimal>> figures = new HashMap<>();
        String name = jdbc.sql("""
                        select p.name, f.period, f.figure, f.amount from registry_property p
                        left join dashboard_figure f on f.tenant_id = p.tenant_id and f.property_id = p.property_id
                            and f.period in (?, ?, ?)
                        where p.tenant_id = ? and p.property_id = ?""")
                .params(Figures.CURRENT, today, thisMonth, tenant.value(), property.value())
                .query((rs, row) -> {
                    if (rs.getString(2) != null) {
                        figures.computeIfAbsent(rs.getString(2), p -> new HashMap<>())
                                .put(rs.getString(3), rs.getBigDecimal(4));
                    }
                    return rs.getString(1);
                })
                .list().stream().findFirst()
                .orElseThrow(() -> new NotFound("property", property.value()));
        Map<String, BigDecimal> current = figures.getOrDefault(Figures.CURRENT, Map.of());
        Map<String, BigDecimal> ofDay = figures.getOrDefault(today, Map.of());
        Map<String, BigDecimal> ofMonth = figures.getOrDefault(thisMonth, Map.of());

        AccountStates states = new AccountStates(count(current, Standing.ACTIVE), count(current, Standing.LOW),
                count(current, Standing.DEPLETED), count(current, Standing.CUT), count(current, Standing.CLOSED));

        List<Consumption> consumption = new ArrayList<>();
        List<Utility> consumed = new ArrayList<>();
        for (Utility utility : Utility.values()) {
            String key = Figures.consumption(utility);
            if (ofDay.containsKey(key) || ofMonth.containsKey(key)) {
                consumption.add(new Consumption(utility, utility.registerUnit(), quantity(ofDay, key),
                        quantity(ofMonth, key)));
                if (ofMonth.containsKey(key)) {
                    consumed.add(utility);
                }
            }
        }
        List<TopConsumer> top = topConsumers(tenant, property, thisMonth, consumed);

        TreeSet<String> currencies = new TreeSet<>();
        for (Map<String, BigDecimal> period : List.of(current, ofDay, ofMonth)) {
            period.keySet().stream().filter(k -> k.startsWith("charges:") || k.startsWith("credits:")
                    || k.startsWith("arrears:")).map(k -> k.substring(k.indexOf(':') + 1)).forEach(currencies::add);
        }
        List<MoneyFigures> money = currencies.stream().map(c -> new MoneyFigures(c,
                minor(ofDay, Figures.charges(c)), minor(ofMonth, Figures.charges(c)),
                minor(ofDay, Figures.credits(c)), minor(ofMonth, Figures.credits(c)),
                minor(current, Figures.arrears(c)))).toList();

        return new PropertyDashboard(property.value(), name, now, zone.getId(), day, month, states,
                minor(current, Figures.METERS), consumption, money, top, offlineGateways(tenant, property),
                pendingCommands(tenant, property), heldCuts(tenant, property));
    }

    /**
     * Since when the tenant's friendly window holds the cut of the account's meter; empty when none is held. The
     * account page says so beside the supply.
     */
    @Transactional(readOnly = true)
    public Optional<Instant> cutHeldSince(TenantId tenant, String accountId) {
        return jdbc.sql("""
                        select cut_held_since from meter_view
                        where tenant_id = ? and account_id = ? and cut_held_since is not null
                        order by cut_held_since limit 1""")
                .params(tenant.value(), accountId)
                .query((rs, row) -> instant(rs.getTimestamp(1))).optional();
    }

    /**
     * The tenant's month per property and in total, summed from the period report of every account open in it
     * ({@link PeriodReports#streamProperty}), so both always agree.
     */
    @Transactional(readOnly = true)
    public HeadOfficeRollup rollup(TenantId tenant, YearMonth month) {
        ZoneId zone = zones.of(tenant.value());
        Instant from = DashboardSettings.start(month, zone);
        Instant to = DashboardSettings.start(month.plusMonths(1), zone);
        PeriodReports.validate(from, to);
        Map<String, Utility> utilities = new HashMap<>();
        jdbc.sql("select a.account_id, m.utility from dashboard_account a join meter_view m "
                        + "on m.tenant_id = a.tenant_id and m.meter_id = a.meter_id where a.tenant_id = ?")
                .param(tenant.value())
                .query(rs -> {
                    utilities.put(rs.getString(1), Utility.valueOf(rs.getString(2)));
                });
        List<HeadOfficeRollup.PropertyTotals> properties = new ArrayList<>();
        Sums tenantSums = new Sums();
        for (Map.Entry<String, String> p : properties(tenant).entrySet()) {
            Sums sums = new Sums();
            reports.streamProperty(tenant, p.getKey(), from, to, account -> {
                sums.add(account, utilities.get(account.accountId()));
                tenantSums.add(account, utilities.get(account.accountId()));
            });
            properties.add(new HeadOfficeRollup.PropertyTotals(p.getKey(), p.getValue(), sums.totals(),
                    sums.consumption()));
        }
        return new HeadOfficeRollup(month, zone.getId(), from, to, properties, tenantSums.totals(),
                tenantSums.consumption());
    }

    /** A month as YYYY-MM; a 4xx problem for anything else. */
    public static YearMonth month(String month) {
        try {
            return YearMonth.parse(month == null ? "" : month);
        } catch (DateTimeParseException e) {
            throw new RuleViolation("month-malformed", "month must look like 2026-11");
        }
    }

    /** The tenant's properties, id to name, in id order. */
    @Transactional(readOnly = true)
    public Map<String, String> properties(TenantId tenant) {
        Map<String, String> properties = new TreeMap<>();
        jdbc.sql("select property_id, name from registry_property where tenant_id = ?").param(tenant.value())
                .query(rs -> {
                    properties.put(rs.getString(1), rs.getString(2));
                });
        return properties;
    }

    /** Per utility the first rows of the top-consumer index, all utilities in one statement. */
    private List<TopConsumer> topConsumers(TenantId tenant, PropertyId property, String month,
                                           List<Utility> utilities) {
        if (utilities.isEmpty()) {
            return List.of();
        }
        String perUtility = """
                (select utility, meter_id, account_id, unit_id, quantity from dashboard_meter_month
                 where tenant_id = ? and property_id = ? and month = ? and utility = ?
                 order by quantity desc, meter_id limit ?)""";
        List<Object> params = new ArrayList<>();
        for (Utility utility : utilities) {
            params.addAll(List.of(tenant.value(), property.value(), month, utility.name(), settings.topConsumers()));
        }
        return jdbc.sql(String.join(" union all ", Collections.nCopies(utilities.size(), perUtility)))
                .params(params)
                .query((rs, row) -> new TopConsumer(Utility.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getBigDecimal(5)))
                .list();
    }

    private List<HeldCut> heldCuts(TenantId tenant, PropertyId property) {
        return jdbc.sql("""
                        select meter_id, account_id, cut_held_since from meter_view
                        where tenant_id = ? and property_id = ? and cut_held_since is not null
                        order by cut_held_since, meter_id limit ?""")
                .params(tenant.value(), property.value(), HELD_CUTS)
                .query((rs, row) -> new HeldCut(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3))))
                .list();
    }

    private List<PendingCommand> pendingCommands(TenantId tenant, PropertyId property) {
        return jdbc.sql("""
                        select meter_id, account_id, pending_command_id, pending_action, pending_attempt, pending_since
                        from meter_view
                        where tenant_id = ? and property_id = ? and pending_command_id is not null
                        order by pending_since, meter_id limit ?""")
                .params(tenant.value(), property.value(), settings.pendingCommands())
                .query((rs, row) -> new PendingCommand(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), instant(rs.getTimestamp(6))))
                .list();
    }

    private List<OfflineGateway> offlineGateways(TenantId tenant, PropertyId property) {
        List<GatewayStatus> gateways = queries.query(new FindPropertyGateways(tenant, property),
                ResponseTypes.multipleInstancesOf(GatewayStatus.class)).join();
        return gateways.stream().filter(g -> !g.online())
                .map(g -> new OfflineGateway(g.gatewayId(), g.name(), g.lastSeenAt())).toList();
    }

    private static long count(Map<String, BigDecimal> figures, Standing state) {
        return minor(figures, Figures.accounts(state));
    }

    private static long minor(Map<String, BigDecimal> figures, String key) {
        BigDecimal value = figures.get(key);
        return value == null ? 0 : value.longValueExact();
    }

    private static BigDecimal quantity(Map<String, BigDecimal> figures, String key) {
        return figures.getOrDefault(key, BigDecimal.ZERO).setScale(3);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Running sums of account period rows per currency and consumption per utility. */
    private static final class Sums {
        private final Map<String, long[]> money = new TreeMap<>();
        private final Map<Utility, BigDecimal> consumption = new TreeMap<>();

        void add(PeriodReports.AccountPeriod account, Utility utility) {
            long[] s = money.computeIfAbsent(account.currency(), c -> new long[7]);
            s[0]++;
            s[1] += account.openingBalanceMinor();
            s[2] += account.creditsMinor();
            s[3] += account.chargesMinor();
            s[4] += account.adjustmentsMinor();
            s[5] += account.closingBalanceMinor();
            s[6] += Math.max(0, -account.closingBalanceMinor());
            if (utility != null && account.chargedQuantity() != null) {
                consumption.merge(utility, account.chargedQuantity(), BigDecimal::add);
            }
        }

        List<HeadOfficeRollup.Totals> totals() {
            return money.entrySet().stream().map(e -> new HeadOfficeRollup.Totals(e.getKey(), e.getValue()[0],
                    e.getValue()[1], e.getValue()[2], e.getValue()[3], e.getValue()[4], e.getValue()[5],
                    e.getValue()[6])).toList();
        }

        List<HeadOfficeRollup.UtilityTotal> consumption() {
            return consumption.entrySet().stream().map(e -> new HeadOfficeRollup.UtilityTotal(e.getKey(),
                    e.getKey().registerUnit(), e.getValue())).toList();
        }
    }
}
