-- A tenant's webhook signing secret (HMAC-SHA256): a credential, so it lives here alone, never in an event. Under
-- row-level security like every tenant table: only the tenant's own work reads it.
create table tenant_webhook_secret (
    tenant_id  varchar(64)  not null primary key,
    secret     varchar(100) not null,
    rotated_at timestamptz  not null
);
