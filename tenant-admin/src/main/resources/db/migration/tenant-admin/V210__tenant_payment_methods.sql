-- The payment methods a tenant offers occupants beside card (issue 17, item 4): its own settings section, written
-- by the tenant directory from PaymentMethodsChosen. No row: card only. Under row-level security like every tenant
-- table (afterMigrate).
create table tenant_payment_methods (
    tenant_id  varchar(64)  not null primary key,
    -- comma separated PaymentMethod names, CARD always among them
    methods    varchar(100) not null,
    changed_at timestamptz  not null
);
