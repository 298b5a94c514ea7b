-- Stripe payments (issue 6; gateway-connector, com.meterledger.gateway.payment).
--
-- payment_checkout: our own record of every Stripe Checkout Session we created, written when it was created. A
-- webhook's Stripe object is mapped to tenant, account and payment ONLY through this table, never through metadata.
-- Tenant data: tenant_id, so it is under row-level security (afterMigrate callback) like every tenant table.
create table payment_checkout (
    tenant_id            varchar(64)  not null,
    payment_id           varchar(64)  not null,
    account_id           varchar(64)  not null,
    checkout_session_id  varchar(255) not null unique,
    payment_intent_id    varchar(255) unique,
    amount_minor         bigint       not null,
    currency             char(3)      not null,
    created_at           timestamptz  not null default now(),
    created_by           varchar(200) not null,
    primary key (tenant_id, payment_id)
);

-- A webhook arrives before anyone knows its tenant, and row-level security hides every row until a tenant is set. This
-- one narrow door answers exactly one question across tenants: which tenant created the checkout session (or payment
-- intent) with this exact, unguessable Stripe id. It runs as the migration role (security definer) and returns the
-- tenant id only; all reading of the row itself then happens in a transaction bound to that tenant. The migration role
-- may be a plain owner under FORCE row-level security (not superuser, not BYPASSRLS): this extra, select-only policy
-- lets that role - never the application's runtime role - see the rows, so the lookup works either way.
do
$$
    begin
        execute format('create policy checkout_tenant_lookup on payment_checkout for select to %I using (true)',
                       current_user);
    end
$$;

create or replace function payment_checkout_tenant(stripe_object_id text) returns varchar
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select pc.tenant_id from ${flyway:defaultSchema}.payment_checkout pc
    where pc.checkout_session_id = stripe_object_id or pc.payment_intent_id = stripe_object_id
    limit 1
$fn$;

-- The processed-events table: each verified Stripe event id is handled once (recorded after its work is done, so a
-- crash in between means Stripe's redelivery does the - idempotent - work again). Platform data, not tenant data: it
-- is written for every verified event, also those that map to no tenant (unknown objects, ignored types), and holds
-- only Stripe's event id and type. Hence no tenant_id column and no row-level security.
create table stripe_webhook_event (
    event_id      varchar(255) not null primary key,
    event_type    varchar(255) not null,
    outcome       varchar(64)  not null,
    received_at   timestamptz  not null default now()
);
