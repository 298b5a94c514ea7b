-- Notifications (gateway-connector, com.meterledger.gateway.notification). Every row carries its tenant.

-- Occupant contact data: personal data, deletable. Erasure deletes the row; no event ever holds these fields.
create table occupant_contact (
    tenant_id   varchar(64)   not null,
    account_id  varchar(64)   not null,
    name        varchar(200),
    email       varchar(254),
    phone       varchar(20),
    webhook_url varchar(2000),
    -- preferred channels, comma separated: EMAIL,SMS,WEBHOOK
    channels    varchar(64)   not null,
    updated_at  timestamptz   not null default now(),
    primary key (tenant_id, account_id)
);

-- Which account a meter serves, from AccountOpened events (supply events name only the meter).
create table notification_account (
    tenant_id  varchar(64) not null,
    account_id varchar(64) not null,
    meter_id   varchar(64) not null,
    opened_at  timestamptz not null,
    primary key (tenant_id, account_id)
);
create index notification_account_meter on notification_account (tenant_id, meter_id, opened_at desc);

-- One row per causing event and channel: the claim that makes a redelivered event send nothing.
-- No addresses here; last_error is cleared when the occupant's contact is erased.
create table notification_log (
    event_id    varchar(255)  not null,
    channel     varchar(16)   not null,
    tenant_id   varchar(64)   not null,
    account_id  varchar(64)   not null,
    kind        varchar(32)   not null,
    status      varchar(16)   not null,
    attempts    integer       not null,
    last_error  varchar(1000),
    created_at  timestamptz   not null default now(),
    finished_at timestamptz,
    primary key (event_id, channel),
    constraint notification_log_status check (status in ('SENDING', 'SENT', 'FAILED')),
    constraint notification_log_channel check (channel in ('EMAIL', 'SMS', 'WEBHOOK'))
);
create index notification_log_account on notification_log (tenant_id, account_id, created_at);
