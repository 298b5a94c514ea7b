-- Offline payments (cash desk, bank transfer) and their printable receipts (infra/app, com.meterledger.app.payment).
-- The receipt number is the idempotency key within a tenant: the same number again is a no-op, with another amount or
-- account a conflict. The row is claimed before the top-up is sent and completed (balance after, time) by a
-- subscribing event handler in the very transaction that credits the account. Tenant data: under row-level security.
-- No occupant personal data: the receipt names the unit, the amount and the staff member who took the money.
create table offline_receipt (
    tenant_id           varchar(64)  not null,
    receipt_number      varchar(64)  not null,
    account_id          varchar(64)  not null,
    unit_id             varchar(64)  not null,
    method              varchar(16)  not null,
    amount_minor        bigint       not null,
    currency            char(3)      not null,
    purchase_sequence   bigint,
    recorded_by         varchar(200) not null,
    recorded_at         timestamptz  not null default now(),
    credited_at         timestamptz,
    balance_after_minor bigint,
    primary key (tenant_id, receipt_number),
    constraint offline_receipt_method check (method in ('CASH', 'BANK_TRANSFER')),
    constraint offline_receipt_amount check (amount_minor > 0)
);
create index offline_receipt_account on offline_receipt (tenant_id, account_id);
