-- Tenant registry (tenant-admin) and account read models (query-side). Every row carries its tenant.

create table property (
    tenant_id   varchar(64)  not null,
    property_id varchar(64)  not null,
    name        varchar(200) not null,
    address     varchar(500),
    created_at  timestamptz  not null default now(),
    primary key (tenant_id, property_id)
);

create table unit (
    tenant_id   varchar(64)  not null,
    unit_id     varchar(64)  not null,
    property_id varchar(64)  not null,
    name        varchar(200) not null,
    created_at  timestamptz  not null default now(),
    primary key (tenant_id, unit_id),
    foreign key (tenant_id, property_id) references property (tenant_id, property_id)
);

create table account_view (
    account_id    varchar(64)    not null primary key,
    tenant_id     varchar(64)    not null,
    unit_id       varchar(64)    not null,
    meter_id      varchar(64)    not null,
    currency      char(3)        not null,
    balance_minor bigint         not null,
    opened_at     timestamptz    not null,
    last_read_at  timestamptz,
    last_register numeric(15, 3),
    last_sequence bigint         not null
);
create index account_view_tenant on account_view (tenant_id);

create table account_ledger_line (
    account_id          varchar(64)    not null,
    sequence_number     bigint         not null,
    tenant_id           varchar(64)    not null,
    occurred_at         timestamptz    not null,
    read_at             timestamptz,
    kind                varchar(32)    not null,
    amount_minor        bigint         not null,
    balance_after_minor bigint         not null,
    quantity            numeric(15, 3),
    reference           varchar(128),
    primary key (account_id, sequence_number)
);
create index account_ledger_line_period on account_ledger_line (tenant_id, account_id, occurred_at);

