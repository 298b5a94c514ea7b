-- Stripe Connect, application fees and reconciliation (issue 6 parts 2 and 6; gateway-connector,
-- com.meterledger.gateway.payment). Every table has tenant_id, so the afterMigrate callback puts it under RLS.

-- The tenant's connected Stripe account (one per tenant) and its onboarding state as Stripe last reported it.
create table stripe_connected_account (
    tenant_id          varchar(64)  not null primary key,
    account_id         varchar(255) not null unique,
    charges_enabled    boolean      not null default false,
    payouts_enabled    boolean      not null default false,
    details_submitted  boolean      not null default false,
    created_at         timestamptz  not null default now(),
    updated_at         timestamptz  not null default now()
);

-- Like payment_checkout_tenant (V60): a Connect webhook (account.updated) and the daily reconciliation arrive with no
-- tenant; these two narrow doors answer only "which tenant owns this connected account" and "which tenants have one".
do
$$
    begin
        execute format('create policy connected_account_tenant_lookup on stripe_connected_account for select to %I using (true)',
                       current_user);
    end
$$;

create or replace function stripe_connected_account_tenant(connected_account_id text) returns varchar
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select ca.tenant_id from ${flyway:defaultSchema}.stripe_connected_account ca where ca.account_id = connected_account_id
$fn$;

create or replace function stripe_connected_tenants() returns setof varchar
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select ca.tenant_id from ${flyway:defaultSchema}.stripe_connected_account ca order by 1
$fn$;

-- The platform's application fee on each online payment, set by the tenant: basis points of the amount plus a fixed
-- part in minor units. No row: no fee.
create table payment_settings (
    tenant_id                 varchar(64)  not null primary key,
    application_fee_bps       int          not null check (application_fee_bps between 0 and 10000),
    application_fee_fixed     bigint       not null check (application_fee_fixed between 0 and 100000000),
    updated_at                timestamptz  not null default now(),
    updated_by                varchar(200) not null
);

-- What each checkout was created with at Stripe (the connected account, the fee asked), and when it was paid: the
-- ledger side of the reconciliation.
alter table payment_checkout
    add column connected_account_id   varchar(255),
    add column application_fee_minor  bigint,
    add column succeeded_at           timestamptz;
create index payment_checkout_succeeded on payment_checkout (tenant_id, succeeded_at);

-- One reconciliation run of one tenant for one day (UTC); the newest run of a day is the one shown.
create table reconciliation_run (
    tenant_id     varchar(64)  not null,
    run_id        varchar(64)  not null,
    run_date      date         not null,
    started_at    timestamptz  not null default now(),
    started_by    varchar(200) not null,
    primary key (tenant_id, run_id)
);
create index reconciliation_run_date on reconciliation_run (tenant_id, run_date, started_at desc);

create table reconciliation_line (
    tenant_id             varchar(64)  not null,
    run_id                varchar(64)  not null,
    line_no               int          not null,
    connected_account_id  varchar(255) not null,
    kind                  varchar(16)  not null,
    outcome               varchar(32)  not null,
    stripe_id             varchar(255),
    payment_id            varchar(64),
    account_id            varchar(64),
    expected_minor        bigint,
    actual_minor          bigint,
    expected_fee_minor    bigint,
    actual_fee_minor      bigint,
    expected_currency     varchar(3),
    actual_currency       varchar(3),
    reason                varchar(500) not null,
    primary key (tenant_id, run_id, line_no),
    foreign key (tenant_id, run_id) references reconciliation_run (tenant_id, run_id)
);
