-- Meter and per-property dashboard read models (query-side com.meterledger.query.meter / .dashboard), kept
-- incrementally by dashboard-projection so a dashboard is a handful of index lookups, never a scan of meters or events.

-- One row per meter: where it is, what it last read, its supply as commanded and as confirmed, its pending command.
create table meter_view (
    tenant_id          varchar(64)    not null,
    meter_id           varchar(64)    not null,
    unit_id            varchar(64)    not null,
    property_id        varchar(64),
    utility            varchar(16)    not null,
    account_id         varchar(64),
    last_read_at       timestamptz,
    last_register      numeric(15, 3),
    last_registers     jsonb,
    supply_commanded   varchar(8)     not null default 'ON',
    supply_confirmed   varchar(8)     not null default 'ON',
    pending_command_id varchar(64),
    pending_action     varchar(16),
    pending_attempt    int,
    pending_since      timestamptz,
    primary key (tenant_id, meter_id)
);
create index meter_view_pending on meter_view (tenant_id, property_id) where pending_command_id is not null;

-- One row per account: what decides its dashboard state and its share of the property's arrears.
create table dashboard_account (
    tenant_id     varchar(64) not null,
    account_id    varchar(64) not null,
    property_id   varchar(64),
    meter_id      varchar(64) not null,
    currency      char(3)     not null,
    balance_minor bigint      not null default 0,
    debt_minor    bigint      not null default 0,
    warning_level int         not null default 0,
    depleted      boolean     not null default false,
    supply_off    boolean     not null default false,
    closed        boolean     not null default false,
    closed_arrears_minor bigint not null default 0,
    state         varchar(16) not null,
    arrears_minor bigint      not null default 0,
    primary key (tenant_id, account_id)
);
create index dashboard_account_meter on dashboard_account (tenant_id, meter_id);

-- Running figures per property: period '' holds current ones (accounts by state, arrears per currency), a day
-- (YYYY-MM-DD) or a month (YYYY-MM) holds that period's sums (consumption per utility, charges and credits per
-- currency). A dashboard reads at most a few dozen rows of one property.
create table dashboard_figure (
    tenant_id   varchar(64)    not null,
    property_id varchar(64)    not null,
    period      varchar(10)    not null,
    figure      varchar(48)    not null,
    amount      numeric(20, 3) not null,
    primary key (tenant_id, property_id, period, figure)
);

-- Consumption per meter and month: the top consumers of a property are the first rows of an index.
create table dashboard_meter_month (
    tenant_id   varchar(64)    not null,
    property_id varchar(64)    not null,
    month       varchar(7)     not null,
    meter_id    varchar(64)    not null,
    utility     varchar(16)    not null,
    account_id  varchar(64),
    unit_id     varchar(64)    not null,
    quantity    numeric(15, 3) not null,
    primary key (tenant_id, meter_id, month)
);
create index dashboard_meter_month_top on dashboard_meter_month (tenant_id, property_id, month, utility, quantity desc);

-- Export jobs (com.meterledger.query.export): progress is polled, the file kept until it is fetched or expires.
create table export_job (
    tenant_id    varchar(64)  not null,
    job_id       varchar(64)  not null,
    kind         varchar(32)  not null,
    format       varchar(8)   not null,
    parameters   jsonb        not null,
    status       varchar(16)  not null,
    rows_total   bigint       not null default 0,
    rows_done    bigint       not null default 0,
    created_at   timestamptz  not null default now(),
    started_at   timestamptz,
    finished_at  timestamptz,
    error        varchar(500),
    file_name    varchar(200),
    content      bytea,
    primary key (tenant_id, job_id)
);

-- dashboard-projection's reset (a replay) starts from empty tables; see meterledger_reset_account_projection in V40
-- for why this is a security-definer TRUNCATE.
create or replace function meterledger_reset_dashboard_projection() returns void
    language sql
    security definer
    set search_path from current
as
$$
truncate table meter_view, dashboard_account, dashboard_figure, dashboard_meter_month;
$$;
