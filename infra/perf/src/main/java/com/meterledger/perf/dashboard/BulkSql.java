package com.meterledger.perf.dashboard;

import java.util.List;

/**
 * The bulk part of the dashboard benchmark's data, in SQL. Bulk meter i (sample .. M-1) is in property p-(i mod P),
 * opened some days back in the month (i mod day-of-month), credited, read four times an hour apart, each reading
 * charged at 100 minor units per kWh. Counting the meters of a property, every 50th account is cut (small credit,
 * supply off), the next one low, every 97th closed, every 200th has a pending cut command.
 */
public final class BulkSql {
    private BulkSql() {
    }

    /** Parameters: P, now, day of month, first i, last i. States go by the meter's number within its property. */
    public static final String SEED = """
            create temporary table seed on commit drop as
            select i, 'p-' || (i % g.p) as property, 'bu-' || i as unit, 'bm-' || i as meter, 'ba-' || i as account,
                g.now - make_interval(days => i % g.dom) - interval '5 hours' as base,
                case when (i / g.p) % 50 = 0 then 1000 else 100000 end as credit,
                (i / g.p) % 50 = 0 as cut, (i / g.p) % 50 = 1 as low, (i / g.p) % 97 = 5 as closed,
                (i / g.p) % 200 = 7 as pending
            from (select cast(? as int) as p, cast(? as timestamptz) as now, cast(? as int) as dom) g,
                generate_series(?, ?) i""";

    /** In order, in the seed's transaction; {@code :tenant} is replaced by the quoted tenant id. */
    public static final List<String> STATEMENTS = List.of("""
            create temporary table seed_reading on commit drop as
            select s.i, k, s.base + make_interval(hours => k) as read_at, cast((s.i * 7 + k * 3) % 20 + 1 as numeric) as q,
                sum((s.i * 7 + k * 3) % 20 + 1) over (partition by s.i order by k) as register
            from seed s, generate_series(1, 4) k""",
            "insert into unit (tenant_id, unit_id, property_id, name) select :tenant, unit, property, 'Unit ' || i from seed",
            // account-projection's rows
            """
            insert into account_view (account_id, tenant_id, unit_id, meter_id, currency, balance_minor, opened_at,
                last_read_at, last_register, last_sequence, warning_level, depleted, supply_state, pending_command,
                closed_at, debt_minor)
            select s.account, :tenant, s.unit, s.meter, 'EUR', s.credit - r.total * 100, s.base,
                s.base + interval '4 hours', r.total, 5, case when s.low then 1 else 0 end, s.cut,
                case when s.cut then 'OFF' else 'ON' end, case when s.pending then 'CUT' end,
                case when s.closed then s.base + interval '4 hours 1 minute' end, 0
            from seed s join (select i, sum(q) as total from seed_reading group by i) r using (i)""",
            """
            insert into account_register_line (account_id, meter_id, read_at, tenant_id, register_value, consumption,
                opening)
            select account, meter, base, :tenant, 0, 0, true from seed
            union all
            select s.account, s.meter, r.read_at, :tenant, r.register, r.q, false from seed s join seed_reading r using (i)""",
            """
            insert into account_ledger_line (account_id, sequence_number, tenant_id, occurred_at, read_at, kind,
                amount_minor, balance_after_minor, quantity, reference)
            select account, 1, :tenant, base + interval '1 minute', null, 'CREDIT', credit, credit, null, 'seed'
            from seed
            union all
            select s.account, 1 + r.k, :tenant, r.read_at, r.read_at, 'CHARGE', -(r.q * 100), s.credit - r.register * 100,
                r.q, null
            from seed s join seed_reading r using (i)""",
            // dashboard-projection's rows, aggregated from the above (added to what the sample's events produced)
            """
            insert into meter_view (tenant_id, meter_id, unit_id, property_id, utility, account_id, last_read_at,
                last_register, supply_commanded, supply_confirmed, pending_command_id, pending_action,
                pending_attempt, pending_since)
            select :tenant, a.meter_id, a.unit_id, s.property, 'ELECTRICITY', a.account_id, a.last_read_at,
                a.last_register, case when a.pending_command = 'CUT' then 'OFF' else a.supply_state end,
                a.supply_state, case when a.pending_command is not null then 'cmd-' || a.meter_id end,
                a.pending_command, case when a.pending_command is not null then 1 end,
                case when a.pending_command is not null then a.last_read_at end
            from seed s join account_view a on a.account_id = s.account""",
            """
            insert into dashboard_account (tenant_id, account_id, property_id, meter_id, currency, balance_minor,
                debt_minor, warning_level, depleted, supply_off, supply_pending, closed, state, arrears_minor,
                last_read_at)
            select :tenant, a.account_id, s.property, a.meter_id, a.currency, a.balance_minor, a.debt_minor,
                a.warning_level, a.depleted, a.supply_state = 'OFF', a.pending_command, a.closed_at is not null,
                case when a.closed_at is not null then 'CLOSED' when a.supply_state = 'OFF' then 'CUT'
                     when a.depleted then 'DEPLETED' when a.warning_level > 0 then 'LOW' else 'ACTIVE' end,
                greatest(0, -a.balance_minor) + a.debt_minor, a.last_read_at
            from seed s join account_view a on a.account_id = s.account""",
            """
            insert into dashboard_meter_month (tenant_id, property_id, month, meter_id, utility, account_id, unit_id,
                quantity)
            select :tenant, s.property, to_char(r.read_at at time zone 'UTC', 'YYYY-MM'), s.meter, 'ELECTRICITY',
                s.account, s.unit, sum(r.q)
            from seed s join seed_reading r using (i) group by 1, 2, 3, 4, 5, 6, 7""",
            """
            insert into dashboard_figure (tenant_id, property_id, period, figure, amount)
            select :tenant, property, period, figure, sum(amount) from (
                select d.property_id as property, '' as period, 'accounts:' || d.state as figure, 1 as amount
                from seed s join dashboard_account d on d.account_id = s.account
                union all
                select s.property, '', 'arrears:EUR', d.arrears_minor
                from seed s join dashboard_account d on d.account_id = s.account
                union all
                select property, '', 'meters', 1 from seed
                union all
                select s.property, to_char(r.read_at at time zone 'UTC', p.format), 'consumption:ELECTRICITY', r.q
                from seed s join seed_reading r using (i), (values ('YYYY-MM-DD'), ('YYYY-MM')) p(format)
                union all
                select s.property, to_char(l.occurred_at at time zone 'UTC', p.format),
                    case when l.kind = 'CREDIT' then 'credits:EUR' else 'charges:EUR' end, abs(l.amount_minor)
                from seed s join account_ledger_line l on l.account_id = s.account,
                    (values ('YYYY-MM-DD'), ('YYYY-MM')) p(format)) f
            group by 1, 2, 3, 4
            on conflict (tenant_id, property_id, period, figure) do update
            set amount = dashboard_figure.amount + excluded.amount""");

    /** Per state (0 active, 1 low, 2 depleted, 3 cut, 4 closed): accounts, arrears, pending commands. */
    static final String BASELINE_ACCOUNTS = """
            select case when a.closed_at is not null then 4 when a.supply_state = 'OFF' then 3 when a.depleted then 2
                        when a.warning_level > 0 then 1 else 0 end,
                count(*),
                sum(greatest(0, -a.balance_minor) + a.debt_minor),
                count(a.pending_command)
            from account_view a join unit u on u.tenant_id = a.tenant_id and u.unit_id = a.unit_id
            where a.tenant_id = ? and u.property_id = ?
            group by 1""";

    /** Charges today, this month; credits today, this month. */
    static final String BASELINE_MONEY = """
            select coalesce(-sum(l.amount_minor) filter (where l.kind = 'CHARGE' and l.occurred_at >= ?), 0),
                coalesce(-sum(l.amount_minor) filter (where l.kind = 'CHARGE'), 0),
                coalesce(sum(l.amount_minor) filter (where l.kind = 'CREDIT' and l.occurred_at >= ?), 0),
                coalesce(sum(l.amount_minor) filter (where l.kind = 'CREDIT'), 0)
            from account_view a join unit u on u.tenant_id = a.tenant_id and u.unit_id = a.unit_id
            join account_ledger_line l on l.tenant_id = a.tenant_id and l.account_id = a.account_id
            where a.tenant_id = ? and u.property_id = ? and l.occurred_at >= ?""";

    /** Consumption read today, this month. */
    static final String BASELINE_CONSUMPTION = """
            select coalesce(sum(r.consumption) filter (where r.read_at >= ?), 0), coalesce(sum(r.consumption), 0)
            from account_view a join unit u on u.tenant_id = a.tenant_id and u.unit_id = a.unit_id
            join account_register_line r on r.tenant_id = a.tenant_id and r.account_id = a.account_id
            where a.tenant_id = ? and u.property_id = ? and r.read_at >= ?""";

    /** The five meters that consumed most this month. */
    static final String BASELINE_TOP = """
            select r.meter_id, sum(r.consumption) as q
            from account_view a join unit u on u.tenant_id = a.tenant_id and u.unit_id = a.unit_id
            join account_register_line r on r.tenant_id = a.tenant_id and r.account_id = a.account_id
            where a.tenant_id = ? and u.property_id = ? and r.read_at >= ?
            group by r.meter_id order by q desc, r.meter_id limit 5""";
}
