-- The alerts inbox (issue 18, items 5 and 7; query-side com.meterledger.query.alert). An alert is a condition staff
-- must see, with its state: OPEN, ACKNOWLEDGED (by whom, when, with a note), RESOLVED (when the condition cleared).
-- Opened and resolved by the alert evaluator on every node and by alert-projection (command failures); a condition
-- has at most one alert that is not resolved (alert_one_open), which is what makes several nodes' passes idempotent:
-- the second insert of the same open condition does nothing. A condition that clears and comes back opens a new one.
create table alert (
    tenant_id        varchar(64)  not null,
    alert_id         varchar(200) not null,
    kind             varchar(32)  not null,
    subject_type     varchar(16)  not null,
    subject_id       varchar(64)  not null,
    property_id      varchar(64),
    state            varchar(16)  not null,
    condition_since  timestamptz  not null,
    opened_at        timestamptz  not null,
    rule             varchar(64)  not null,
    figures          jsonb        not null default '{}',
    acknowledged_at  timestamptz,
    acknowledged_by  varchar(200),
    acknowledged_via varchar(32),
    note             varchar(500),
    resolved_at      timestamptz,
    primary key (tenant_id, alert_id)
);
create unique index alert_one_open on alert (tenant_id, kind, subject_id) where state <> 'RESOLVED';
create index alert_inbox on alert (tenant_id, opened_at desc);

-- When a condition without a moment of its own (an account at zero, arrears above the level) was first seen by an
-- evaluator pass: "for N hours" counts from here. Deleted when the condition clears.
create table alert_watch (
    tenant_id  varchar(64) not null,
    kind       varchar(32) not null,
    subject_id varchar(64) not null,
    since      timestamptz not null,
    primary key (tenant_id, kind, subject_id)
);

-- The readings the anomaly rules look back on (35 days and a little more; older rows are pruned by the evaluator).
create table alert_reading (
    tenant_id varchar(64)    not null,
    meter_id  varchar(64)    not null,
    read_at   timestamptz    not null,
    register  numeric(15, 3) not null,
    primary key (tenant_id, meter_id, read_at)
);

-- Rejected readings per meter, counted in the tenant's window (pruned after the longest window, a month).
create table alert_rejection (
    tenant_id   varchar(64)  not null,
    event_id    varchar(64)  not null,
    meter_id    varchar(64)  not null,
    rejected_at timestamptz  not null,
    reason      varchar(64)  not null,
    primary key (tenant_id, event_id)
);
create index alert_rejection_meter on alert_rejection (tenant_id, meter_id, rejected_at);

-- Since when a meter has confirmed its supply off (a confirmed CUT); a confirmed RESTORE deletes the row.
create table alert_supply_off (
    tenant_id varchar(64) not null,
    meter_id  varchar(64) not null,
    since     timestamptz not null,
    primary key (tenant_id, meter_id)
);

-- Row-level security hides every row until a tenant is set, and the evaluator's pass begins with the tenants that
-- have meters. meter_view's select policy for the migration role exists since V140; this narrow door names tenants
-- only.
create or replace function alert_tenants()
    returns table (tenant_id varchar)
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select distinct m.tenant_id from ${flyway:defaultSchema}.meter_view m order by 1
$fn$;
