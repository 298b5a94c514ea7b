-- The tariff read model (issue 18 item 2, issue 15 item 7; query-side com.meterledger.query.tariff). tariff-projection
-- writes a row per tariff (TariffCreated) and a row per published version (TariffVersionPublished), so the tariff list,
-- the search box and the tenant export read tariffs without loading every tariff aggregate from the event store.
-- A tariff is DRAFT until its first version is published, then PUBLISHED; its kind is its latest version's schedule
-- (FLAT, TIERED, TIME_OF_USE; null while a draft). The version in force and the accounts on a tariff change with the
-- clock and with accounts, so they are worked out when read (the versions' primary key, and account_view_tariff of V4).
-- Row-level security and grants come from meterledger_apply_security after the migration, as for every tenant table.
create table tariff_view (
    tenant_id      varchar(64)  not null,
    tariff_id      varchar(64)  not null,
    name           varchar(200) not null,
    utility        varchar(16)  not null,
    kind           varchar(16),
    currency       varchar(3)   not null,
    zone           varchar(64)  not null,
    state          varchar(16)  not null,
    latest_version int          not null default 0,
    created_at     timestamptz  not null,
    primary key (tenant_id, tariff_id)
);

create table tariff_version_view (
    tenant_id               varchar(64)    not null,
    tariff_id               varchar(64)    not null,
    version_number          int            not null,
    effective_from          timestamptz    not null,
    kind                    varchar(16)    not null,
    schedule                jsonb          not null,
    standing_charge_per_day numeric        not null,
    published_at            timestamptz    not null,
    primary key (tenant_id, tariff_id, version_number)
);

-- every sort key of the tariff list has an index that starts with the tenant and ends with the id (as V230 does for
-- accounts and meters), so a page is an index walk; created_at sorts as a moment (nulls first, see SqlList)
create index tariff_view_list_name on tariff_view (tenant_id, name, tariff_id);
create index tariff_view_list_utility on tariff_view (tenant_id, utility, tariff_id);
create index tariff_view_list_state on tariff_view (tenant_id, state, tariff_id);
create index tariff_view_list_created on tariff_view (tenant_id, created_at nulls first, tariff_id);

-- tariff-projection's reset (a replay) starts from empty tables; see meterledger_reset_account_projection in V40 for
-- why this is a security-definer TRUNCATE.
create or replace function meterledger_reset_tariff_projection() returns void
    language sql
    security definer
    set search_path from current
as
$$
truncate table tariff_view, tariff_version_view;
$$;
