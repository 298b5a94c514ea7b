-- Payment links for occupants (issue 4). The token itself is signed and never stored; this row makes it revocable
-- and auditable. Under row-level security like every tenant table (tenant_id; see V50 and the afterMigrate callback).
create table payment_link (
    link_id     varchar(64)  not null primary key,
    tenant_id   varchar(64)  not null,
    account_id  varchar(64)  not null,
    created_at  timestamptz  not null default now(),
    created_by  varchar(200) not null,
    expires_at  timestamptz  not null,
    revoked_at  timestamptz,
    revoked_by  varchar(200)
);
create index payment_link_account on payment_link (tenant_id, account_id);
