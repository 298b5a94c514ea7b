-- The platform's own billing of its tenants on Stripe Billing (issue 15 item 3; gateway-connector,
-- com.meterledger.gateway.payment.billing). The platform's Stripe account, not a landlord's connected account.
-- One row per tenant that asked for a subscription: the Stripe customer we created for it (the mapping every
-- subscription and invoice webhook is resolved through, never metadata), the subscription and its plan as Stripe last
-- reported them, the last invoice, and the end of the grace period after a failed invoice (a persistent deadline:
-- the scheduled grace check reads it, so a restart loses nothing). No person's data: Checkout collects the payer's
-- card and e-mail at Stripe. Has tenant_id, so the afterMigrate callback puts it under row-level security.
create table tenant_subscription (
    tenant_id             varchar(64)  not null primary key,
    customer_id           varchar(255) not null unique,
    subscription_id       varchar(255) unique,
    plan                  varchar(64),
    stripe_status         varchar(32),
    trial_end             timestamptz,
    cancel_at             timestamptz,
    -- when Stripe created the newest subscription event applied: an older one, redelivered late, changes nothing
    subscription_event_at timestamptz,
    last_invoice_id       varchar(255),
    last_invoice_status   varchar(32),
    last_invoice_minor    bigint,
    last_invoice_currency varchar(3),
    last_invoice_at       timestamptz,
    grace_until           timestamptz,
    created_at            timestamptz  not null default now(),
    updated_at            timestamptz  not null default now()
);
create index tenant_subscription_grace on tenant_subscription (grace_until) where grace_until is not null;

-- The active meters reported to Stripe's billing meter, one row per tenant and day: the identifier sent to Stripe is
-- derived from the same key, so a second run of the same day is refused here and deduplicated at Stripe.
create table tenant_meter_report (
    tenant_id     varchar(64)  not null,
    report_day    date         not null,
    active_meters bigint       not null,
    identifier    varchar(128) not null,
    reported_at   timestamptz  not null default now(),
    primary key (tenant_id, report_day)
);

-- As for connected accounts (V100): the migration role may see every row, the runtime role never; webhooks arrive
-- with no tenant, and the grace check and the daily report run for every tenant, through these narrow doors only.
do
$$
    begin
        execute format('create policy tenant_subscription_lookup on tenant_subscription for select to %I using (true)',
                       current_user);
    end
$$;

create or replace function tenant_subscription_tenant(stripe_customer_id text) returns varchar
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select s.tenant_id from ${flyway:defaultSchema}.tenant_subscription s where s.customer_id = stripe_customer_id
$fn$;

-- The operator's console and the platform's scheduled work: billing facts only, none of a tenant's business data.
create or replace function platform_subscriptions()
    returns table (tenant_id varchar, customer_id varchar, plan varchar, stripe_status varchar, trial_end timestamptz,
                   last_invoice_id varchar, last_invoice_status varchar, last_invoice_minor bigint,
                   last_invoice_currency varchar, last_invoice_at timestamptz, grace_until timestamptz)
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select s.tenant_id, s.customer_id, s.plan, s.stripe_status, s.trial_end, s.last_invoice_id, s.last_invoice_status,
           s.last_invoice_minor, s.last_invoice_currency, s.last_invoice_at, s.grace_until
    from ${flyway:defaultSchema}.tenant_subscription s
    order by s.tenant_id
$fn$;
