-- "Remember this phone" on the occupant portal (issue 17 item 2). An occupant who opened a live payment link may let
-- this phone back in for a while without the link: the phone keeps a random secret in a cookie, this row keeps only
-- its SHA-256, so a copy of the table opens nothing. The label ("iPhone · Safari") is worked out from the browser's
-- user agent for staff to tell phones apart; it is in no event. Under row-level security like every tenant table
-- (tenant_id; the afterMigrate callback), erased with the payment links when the tenant closes.
create table remembered_device (
    device_id   varchar(64)  not null primary key,
    tenant_id   varchar(64)  not null,
    account_id  varchar(64)  not null,
    -- the payment link it was remembered through: revoking that link ends the device too
    link_id     varchar(64)  not null,
    token_hash  char(64)     not null,
    label       varchar(80)  not null,
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    last_used_at timestamptz not null,
    ended_at    timestamptz,
    -- REVOKED_BY_STAFF, FORGOTTEN_BY_OCCUPANT, LINK_REVOKED, ACCOUNT_CLOSED (RememberedDeviceEnding)
    ended_why   varchar(32),
    ended_by    varchar(200),
    constraint remembered_device_ended check ((ended_at is null) = (ended_why is null))
);
create unique index remembered_device_token on remembered_device (tenant_id, token_hash);
create index remembered_device_account on remembered_device (tenant_id, account_id);
create index remembered_device_link on remembered_device (tenant_id, link_id) where ended_at is null;
