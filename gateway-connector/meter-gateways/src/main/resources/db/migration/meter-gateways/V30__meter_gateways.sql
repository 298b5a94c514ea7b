-- Meter gateways (gateway-connector, com.meterledger.gateway.meter): the registry of concentrators per tenant and
-- property, their per-gateway credentials (a salted hash only: the secret itself is shown once and never stored),
-- the meters each one relays for, liveness and message counters, and the control commands sent down to them.
-- Every row carries its tenant and every query filters by it.

create table meter_gateway (
    tenant_id          varchar(64)  not null,
    gateway_id         varchar(64)  not null,
    property_id        varchar(64)  not null,
    name               varchar(200) not null,
    secret_salt        bytea        not null,
    secret_hash        bytea        not null,
    created_at         timestamptz  not null default now(),
    secret_rotated_at  timestamptz  not null default now(),
    last_seen_at       timestamptz,
    last_heartbeat_at  timestamptz,
    firmware           varchar(100),
    readings_accepted  bigint       not null default 0,
    readings_duplicate bigint       not null default 0,
    readings_rejected  bigint       not null default 0,
    messages_rejected  bigint       not null default 0,
    acks_accepted      bigint       not null default 0,
    acks_rejected      bigint       not null default 0,
    primary key (tenant_id, gateway_id),
    foreign key (tenant_id, property_id) references property (tenant_id, property_id)
);

-- a meter is relayed by at most one gateway of its tenant; its address is what the gateway calls it on the wire
create table meter_gateway_meter (
    tenant_id   varchar(64) not null,
    meter_id    varchar(64) not null,
    gateway_id  varchar(64) not null,
    address     varchar(64) not null,
    attached_at timestamptz not null default now(),
    primary key (tenant_id, meter_id),
    unique (tenant_id, gateway_id, address),
    foreign key (tenant_id, gateway_id) references meter_gateway (tenant_id, gateway_id) on delete cascade
);

-- control commands as sent down (one row per command id; a retry updates attempt and sent_at)
create table meter_gateway_command (
    tenant_id       varchar(64)  not null,
    command_id      varchar(64)  not null,
    gateway_id      varchar(64)  not null,
    meter_id        varchar(64)  not null,
    action          varchar(16)  not null,
    attempt         int          not null,
    issued_at       timestamptz  not null,
    sent_at         timestamptz  not null default now(),
    acknowledged_at timestamptz,
    executed        boolean,
    detail          varchar(500),
    primary key (tenant_id, command_id)
);

create index meter_gateway_command_pending on meter_gateway_command (tenant_id, gateway_id) where acknowledged_at is null;
