package com.meterledger.query.alert;

import com.meterledger.api.gateway.FindPropertyGateways;
import com.meterledger.api.gateway.GatewayStatus;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.registry.FindMeterHierarchies;
import com.meterledger.api.registry.MeterHierarchy;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.AlertSettings;
import com.meterledger.api.tenant.FindAlertSettings;
import com.meterledger.api.tenant.FindTenantSettings;
import com.meterledger.api.tenant.TenantSettings;
import com.meterledger.edge.tenancy.TenantContext;
import com.meterledger.query.alert.anomaly.AnomalyVerdict;
import com.meterledger.query.alert.anomaly.ConsumptionDrop;
import com.meterledger.query.alert.anomaly.ConsumptionWhileOff;
import com.meterledger.query.alert.anomaly.LineLoss;
import com.meterledger.query.alert.anomaly.NightFlow;
import com.meterledger.query.alert.anomaly.Reading;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The time side of the alerts inbox: a pass looks at each tenant's read models as of {@code now} and opens an alert
 * for every condition that holds and has none open, and resolves every alert whose condition no longer holds.
 * <p>
 * Safe on several nodes without a lease: opening is an insert that the unique index of open alerts turns into a
 * no-op for the second node, resolving is an idempotent update, and each tenant's pass is one transaction. It keeps
 * no state in memory, so a restart loses nothing: the next pass sees what the last one saw. Cheap: every condition is
 * one indexed query per tenant (meters not read, accounts at zero, arrears, rejections in the window), the anomaly
 * rules read at most three registers per meter (consumption drop), one night's readings of the water meters, or two
 * registers per meter of a master and sub-meter hierarchy (line loss, over the last whole day in the tenant's zone).
 */
public class AlertEvaluator {
    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);
    /** Readings older than this are pruned: the drop rule looks back 35 days. */
    static final Duration READINGS_KEPT = Duration.ofDays(40);
    static final Duration REJECTIONS_KEPT = Duration.ofHours(AlertSettings.MAX_HOURS + 24);

    private final JdbcClient jdbc;
    private final AlertStore alerts;
    private final QueryGateway queries;
    private final TransactionTemplate transactions;
    private final AlertNotifier notifier;

    public AlertEvaluator(JdbcClient jdbc, AlertStore alerts, QueryGateway queries,
                          PlatformTransactionManager transactions, AlertNotifier notifier) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.queries = queries;
        this.transactions = new TransactionTemplate(transactions);
        this.notifier = notifier;
    }

    /** What a pass did for one tenant. */
    public record Outcome(int opened, int resolved) {
        Outcome plus(Outcome other) {
            return new Outcome(opened + other.opened, resolved + other.resolved);
        }
    }

    /** One pass over every tenant with meters; a tenant whose pass fails is logged and the others go on. */
    public Outcome evaluateAll(Instant now) {
        Outcome total = new Outcome(0, 0);
        for (TenantId tenant : alerts.tenants()) {
            try {
                total = total.plus(evaluate(tenant, now));
            } catch (RuntimeException e) {
                log.warn("alert evaluation of tenant {} failed, the next pass tries again: {}", tenant, e.toString());
            }
        }
        return total;
    }

    /** One tenant's pass as of {@code now}, in one transaction bound to the tenant. */
    public Outcome evaluate(TenantId tenant, Instant now) {
        AlertSettings settings = queries.query(new FindAlertSettings(tenant),
                ResponseTypes.optionalInstanceOf(AlertSettings.class)).join().orElseGet(AlertSettings::standard);
        ZoneId zone = queries.query(new FindTenantSettings(tenant),
                ResponseTypes.optionalInstanceOf(TenantSettings.class)).join().map(TenantSettings::zone)
                .orElse(ZoneOffset.UTC);
        List<GatewayStatus> gateways = new ArrayList<>();
        for (String property : TenantContext.callAs(tenant, () -> transactions.execute(status -> jdbc
                .sql("select property_id from registry_property where tenant_id = ? order by property_id")
                .param(tenant.value()).query(String.class).list()))) {
            gateways.addAll(queries.query(new FindPropertyGateways(tenant, new PropertyId(property)),
                    ResponseTypes.multipleInstancesOf(GatewayStatus.class)).join());
        }
        List<MeterHierarchy> hierarchies = queries.query(new FindMeterHierarchies(tenant),
                ResponseTypes.multipleInstancesOf(MeterHierarchy.class)).join();
        List<Opened> opened = new ArrayList<>();
        int resolved = TenantContext.callAs(tenant, () -> transactions.execute(status -> {
            Pass pass = new Pass(tenant, now, opened);
            pass.gatewaysOffline(gateways);
            pass.metersNotRead(settings);
            pass.readingsRejected(settings);
            pass.accountsAtZero(settings);
            pass.arrears(settings);
            pass.nightFlow(zone);
            pass.consumptionWhileOff();
            pass.consumptionDrop(settings);
            pass.lineLoss(settings, zone, hierarchies);
            prune(tenant, now);
            return pass.resolved;
        }));
        if (settings.notifyStaff()) {
            opened.forEach(alert -> notifier.opened(tenant, alert.kind(), alert.subject(), alert.rule()));
        }
        return new Outcome(opened.size(), resolved);
    }

    private record Opened(AlertKind kind, String subject, String rule) {
    }

    private void prune(TenantId tenant, Instant now) {
        // a meter's newest reading stays, however old: "not read since" needs it
        jdbc.sql("""
                        delete from alert_reading a where a.tenant_id = ? and a.read_at < ?
                          and a.read_at < (select max(r.read_at) from alert_reading r
                                           where r.tenant_id = a.tenant_id and r.meter_id = a.meter_id)""")
                .params(tenant.value(), Timestamp.from(now.minus(READINGS_KEPT))).update();
        jdbc.sql("delete from alert_rejection where tenant_id = ? and rejected_at < ?")
                .params(tenant.value(), Timestamp.from(now.minus(REJECTIONS_KEPT))).update();
    }

    /** One tenant's pass: each condition opens what holds and resolves the rest of its kind. */
    private final class Pass {
        private final TenantId tenant;
        private final Instant now;
        private final List<Opened> opened;
        private final Map<String, String> propertyOfMeter;
        private int resolved;

        Pass(TenantId tenant, Instant now, List<Opened> opened) {
            this.tenant = tenant;
            this.now = now;
            this.opened = opened;
            this.propertyOfMeter = alerts.propertiesOfMeters(tenant);
        }

        private void open(AlertKind kind, String subject, String property, Instant since, String rule,
                          Map<String, String> figures) {
            if (alerts.open(tenant, kind, subject, property, since, rule, figures, now)) {
                opened.add(new Opened(kind, subject, rule));
            }
        }

        private void holding(AlertKind kind, List<String> subjects) {
            resolved += alerts.resolveAllBut(tenant, kind, subjects, now);
        }

        void gatewaysOffline(List<GatewayStatus> gateways) {
            List<String> offline = new ArrayList<>();
            for (GatewayStatus gateway : gateways) {
                // a gateway never heard from is not installed yet: nothing has gone offline
                if (!gateway.online() && gateway.lastSeenAt() != null) {
                    offline.add(gateway.gatewayId());
                    open(AlertKind.GATEWAY_OFFLINE, gateway.gatewayId(), gateway.propertyId().value(),
                            gateway.lastSeenAt(), "gateway-offline",
                            Map.of("lastSeenAt", gateway.lastSeenAt().toString(), "name", gateway.name()));
                }
            }
            holding(AlertKind.GATEWAY_OFFLINE, offline);
        }

        void metersNotRead(AlertSettings settings) {
            Instant limit = now.minus(Duration.ofHours(settings.meterNotReadHours()));
            List<String> unread = new ArrayList<>();
            // a move-in's opening reading is in alert_reading only (meter_view counts readings after it)
            jdbc.sql("""
                            select meter_id, property_id, last_read from (
                                select m.meter_id, m.property_id, greatest(m.last_read_at, (select max(r.read_at)
                                    from alert_reading r where r.tenant_id = m.tenant_id and r.meter_id = m.meter_id))
                                    as last_read
                                from meter_view m where m.tenant_id = ? and m.account_id is not null) l
                            where last_read < ? order by meter_id""")
                    .params(tenant.value(), Timestamp.from(limit))
                    .query(rs -> {
                        unread.add(rs.getString(1));
                        Instant last = rs.getTimestamp(3).toInstant();
                        open(AlertKind.METER_NOT_READ, rs.getString(1), rs.getString(2), last, "meter-not-read",
                                Map.of("lastReadAt", last.toString(),
                                        "hoursWithoutReading", Long.toString(Duration.between(last, now).toHours()),
                                        "thresholdHours", Integer.toString(settings.meterNotReadHours())));
                    });
            holding(AlertKind.METER_NOT_READ, unread);
        }

        void readingsRejected(AlertSettings settings) {
            List<String> meters = new ArrayList<>();
            jdbc.sql("""
                            select meter_id, count(*), min(rejected_at), max(reason) from alert_rejection
                            where tenant_id = ? and rejected_at > ? and rejected_at <= ?
                            group by meter_id having count(*) >= ? order by meter_id""")
                    .params(tenant.value(), Timestamp.from(now.minus(Duration.ofHours(settings.rejectedWindowHours()))),
                            Timestamp.from(now), settings.rejectedReadings())
                    .query(rs -> {
                        String meter = rs.getString(1);
                        meters.add(meter);
                        open(AlertKind.READINGS_REJECTED, meter, propertyOfMeter.get(meter),
                                rs.getTimestamp(3).toInstant(), "readings-rejected-repeatedly",
                                Map.of("rejected", Long.toString(rs.getLong(2)),
                                        "windowHours", Integer.toString(settings.rejectedWindowHours()),
                                        "threshold", Integer.toString(settings.rejectedReadings()),
                                        "aReason", rs.getString(4)));
                    });
            holding(AlertKind.READINGS_REJECTED, meters);
        }

        void accountsAtZero(AlertSettings settings) {
            Map<String, String[]> atZero = new LinkedHashMap<>();
            jdbc.sql("""
                            select account_id, property_id, balance_minor, currency from dashboard_account
                            where tenant_id = ? and not closed and balance_minor <= 0 order by account_id""")
                    .param(tenant.value())
                    .query(rs -> {
                        atZero.put(rs.getString(1), new String[]{rs.getString(2), Long.toString(rs.getLong(3)),
                                rs.getString(4)});
                    });
            Map<String, Instant> since = alerts.watch(tenant, AlertKind.ACCOUNT_AT_ZERO, atZero.keySet(), now);
            List<String> holding = new ArrayList<>();
            Duration threshold = Duration.ofHours(settings.zeroBalanceHours());
            atZero.forEach((account, row) -> {
                Instant from = since.get(account);
                if (from != null && !from.plus(threshold).isAfter(now)) {
                    holding.add(account);
                    open(AlertKind.ACCOUNT_AT_ZERO, account, row[0], from, "account-at-zero",
                            Map.of("balanceMinor", row[1], "currency", row[2],
                                    "thresholdHours", Integer.toString(settings.zeroBalanceHours())));
                }
            });
            holding(AlertKind.ACCOUNT_AT_ZERO, holding);
        }

        void arrears(AlertSettings settings) {
            Map<String, String[]> above = new LinkedHashMap<>();
            jdbc.sql("""
                            select account_id, property_id, arrears_minor, currency from dashboard_account
                            where tenant_id = ? and arrears_minor > ? order by account_id""")
                    .params(tenant.value(), settings.arrearsAboveMinor())
                    .query(rs -> {
                        above.put(rs.getString(1), new String[]{rs.getString(2), Long.toString(rs.getLong(3)),
                                rs.getString(4)});
                    });
            Map<String, Instant> since = alerts.watch(tenant, AlertKind.ARREARS_ABOVE_LEVEL, above.keySet(), now);
            above.forEach((account, row) -> open(AlertKind.ARREARS_ABOVE_LEVEL, account, row[0],
                    since.getOrDefault(account, now), "arrears-above-level", Map.of("arrearsMinor", row[1],
                            "currency", row[2], "levelMinor", Long.toString(settings.arrearsAboveMinor()))));
            holding(AlertKind.ARREARS_ABOVE_LEVEL, List.copyOf(above.keySet()));
        }

        /** The last night window that has ended, in the tenant's zone. */
        void nightFlow(ZoneId zone) {
            ZonedDateTime local = now.atZone(zone);
            LocalDate night = local.toLocalDate();
            ZonedDateTime start = night.atTime(LocalTime.of(NightFlow.DEFAULT_START_HOUR, 0)).atZone(zone);
            if (start.plusHours(NightFlow.DEFAULT_HOURS).isAfter(local)) {
                start = start.minusDays(1);
            }
            Instant from = start.toInstant();
            Instant until = from.plus(Duration.ofHours(NightFlow.DEFAULT_HOURS));
            Map<String, List<Reading>> readings = new HashMap<>();
            jdbc.sql("""
                            select r.meter_id, r.read_at, r.register from alert_reading r
                            join meter_view m on m.tenant_id = r.tenant_id and m.meter_id = r.meter_id
                            where r.tenant_id = ? and m.utility = 'WATER' and r.read_at > ? and r.read_at <= ?
                            order by r.meter_id, r.read_at""")
                    .params(tenant.value(), Timestamp.from(from.minus(Duration.ofHours(6))),
                            Timestamp.from(until.plus(Duration.ofHours(6))))
                    .query(rs -> {
                        readings.computeIfAbsent(rs.getString(1), m -> new ArrayList<>())
                                .add(new Reading(rs.getTimestamp(2).toInstant(), rs.getBigDecimal(3)));
                    });
            List<String> leaking = new ArrayList<>();
            readings.forEach((meter, list) -> {
                if (NightFlow.judge(list, from, NightFlow.DEFAULT_HOURS) instanceof AnomalyVerdict.Anomalous leak) {
                    leaking.add(meter);
                    open(AlertKind.NIGHT_FLOW, meter, propertyOfMeter.get(meter), from, leak.rule(), leak.figures());
                }
            });
            // a leak stays until a night shows a quiet hour or the meter stops reporting at night
            holding(AlertKind.NIGHT_FLOW, leaking);
        }

        void consumptionWhileOff() {
            List<String> flowing = new ArrayList<>();
            jdbc.sql("""
                            select o.meter_id, o.since,
                                (select r.read_at from alert_reading r where r.tenant_id = o.tenant_id
                                   and r.meter_id = o.meter_id and r.read_at <= o.since order by r.read_at desc limit 1),
                                (select r.register from alert_reading r where r.tenant_id = o.tenant_id
                                   and r.meter_id = o.meter_id and r.read_at <= o.since order by r.read_at desc limit 1),
                                (select r.read_at from alert_reading r where r.tenant_id = o.tenant_id
                                   and r.meter_id = o.meter_id order by r.read_at desc limit 1),
                                (select r.register from alert_reading r where r.tenant_id = o.tenant_id
                                   and r.meter_id = o.meter_id order by r.read_at desc limit 1)
                            from alert_supply_off o where o.tenant_id = ? order by o.meter_id""")
                    .param(tenant.value())
                    .query(rs -> {
                        String meter = rs.getString(1);
                        Instant since = rs.getTimestamp(2).toInstant();
                        List<Reading> readings = new ArrayList<>();
                        if (rs.getTimestamp(3) != null) {
                            readings.add(new Reading(rs.getTimestamp(3).toInstant(), rs.getBigDecimal(4)));
                        }
                        if (rs.getTimestamp(5) != null && (readings.isEmpty()
                                || rs.getTimestamp(5).toInstant().isAfter(readings.getFirst().at()))) {
                            readings.add(new Reading(rs.getTimestamp(5).toInstant(), rs.getBigDecimal(6)));
                        }
                        if (ConsumptionWhileOff.judge(readings, since) instanceof AnomalyVerdict.Anomalous bypass) {
                            flowing.add(meter);
                            open(AlertKind.CONSUMPTION_WHILE_OFF, meter, propertyOfMeter.get(meter), since,
                                    bypass.rule(), bypass.figures());
                        }
                    });
            holding(AlertKind.CONSUMPTION_WHILE_OFF, flowing);
        }

        void consumptionDrop(AlertSettings settings) {
            Instant recentFrom = now.minus(Duration.ofDays(ConsumptionDrop.RECENT_DAYS));
            Instant baselineFrom = recentFrom.minus(Duration.ofDays(ConsumptionDrop.BASELINE_DAYS));
            List<String> dropped = new ArrayList<>();
            jdbc.sql("""
                            select m.meter_id, s.read_at, s.register, c.read_at, c.register, e.read_at, e.register
                            from meter_view m
                            cross join lateral (select read_at, register from alert_reading r where r.tenant_id = m.tenant_id
                                and r.meter_id = m.meter_id and r.read_at <= ? order by r.read_at desc limit 1) s
                            cross join lateral (select read_at, register from alert_reading r where r.tenant_id = m.tenant_id
                                and r.meter_id = m.meter_id and r.read_at <= ? order by r.read_at desc limit 1) c
                            cross join lateral (select read_at, register from alert_reading r where r.tenant_id = m.tenant_id
                                and r.meter_id = m.meter_id and r.read_at <= ? order by r.read_at desc limit 1) e
                            where m.tenant_id = ? and m.account_id is not null order by m.meter_id""")
                    .params(Timestamp.from(baselineFrom), Timestamp.from(recentFrom), Timestamp.from(now),
                            tenant.value())
                    .query(rs -> {
                        String meter = rs.getString(1);
                        List<Reading> readings = new ArrayList<>();
                        for (int column = 2; column <= 6; column += 2) {
                            Reading reading = new Reading(rs.getTimestamp(column).toInstant(),
                                    rs.getBigDecimal(column + 1));
                            if (readings.isEmpty() || reading.at().isAfter(readings.getLast().at())) {
                                readings.add(reading);
                            }
                        }
                        if (ConsumptionDrop.judge(readings, now, settings.consumptionDropPercent())
                                instanceof AnomalyVerdict.Anomalous drop) {
                            dropped.add(meter);
                            open(AlertKind.CONSUMPTION_DROP, meter, propertyOfMeter.get(meter), recentFrom,
                                    drop.rule(), drop.figures());
                        }
                    });
            holding(AlertKind.CONSUMPTION_DROP, dropped);
        }

        /**
         * Each master against the sum of its sub-meters over the last whole day in the tenant's zone: a meter's use is
         * its register at its last reading up to the day's end less the one at its last reading up to its start. A
         * meter with no reading on either side, or none inside the day, leaves the day unknown: no alert is opened.
         */
        void lineLoss(AlertSettings settings, ZoneId zone, List<MeterHierarchy> hierarchies) {
            LocalDate today = now.atZone(zone).toLocalDate();
            Instant from = today.minusDays(1).atStartOfDay(zone).toInstant();
            Instant until = today.atStartOfDay(zone).toInstant();
            List<String> losing = new ArrayList<>();
            for (MeterHierarchy hierarchy : hierarchies) {
                if (hierarchy.subMeters().isEmpty()) {
                    continue;
                }
                BigDecimal masterUse = use(hierarchy.master(), from, until);
                List<BigDecimal> subUses = hierarchy.subMeters().stream().map(sub -> use(sub, from, until)).toList();
                if (LineLoss.judge(masterUse, subUses, settings.lineLossPercent())
                        instanceof AnomalyVerdict.Anomalous loss) {
                    String master = hierarchy.master().value();
                    losing.add(master);
                    Map<String, String> figures = new LinkedHashMap<>(loss.figures());
                    figures.put("periodFrom", from.toString());
                    figures.put("periodUntil", until.toString());
                    open(AlertKind.LINE_LOSS, master, hierarchy.propertyId().value(), from, loss.rule(), figures);
                }
            }
            holding(AlertKind.LINE_LOSS, losing);
        }

        /** The meter's use over the period, or null when its readings do not span it. */
        private BigDecimal use(MeterId meter, Instant from, Instant until) {
            return jdbc.sql("""
                            select e.register - s.register from
                                (select read_at, register from alert_reading where tenant_id = ? and meter_id = ?
                                   and read_at <= ? order by read_at desc limit 1) s,
                                (select read_at, register from alert_reading where tenant_id = ? and meter_id = ?
                                   and read_at <= ? order by read_at desc limit 1) e
                            where e.read_at > s.read_at""")
                    .params(tenant.value(), meter.value(), Timestamp.from(from), tenant.value(), meter.value(),
                            Timestamp.from(until))
                    .query(BigDecimal.class).optional().orElse(null);
        }
    }
}
