-- The Stripe webhook inbox (gateway-connector, com.meterledger.gateway.payment.inbox). POST /webhooks/stripe verifies
-- the signature on the raw body, stores the delivery here and answers 200 at once; workers process pending rows
-- through StripeWebhookProcessor, which keeps using stripe_webhook_event (V60) as the exactly-once guard per event id.
--
-- Platform data like stripe_webhook_event: a delivery's tenant is only known once it is processed (through our own
-- payment_checkout record), so there is no tenant_id column and no row-level security. The raw payload may hold what
-- the payer typed at Stripe (customer_details), so it is cleared as soon as the delivery is finished; last_error holds
-- an error class and rule code, never a message with ids or amounts.
create table stripe_webhook_inbox (
    delivery_id     bigint generated always as identity primary key,
    event_id        varchar(255)  not null unique,
    event_type      varchar(255)  not null,
    payload         text,
    status          varchar(16)   not null default 'PENDING',
    attempts        integer       not null default 0,
    -- when a PENDING row may be taken next; a worker that takes a row moves it forward by its lease, so a crashed
    -- worker's row is taken again once the lease has passed
    next_attempt_at timestamptz   not null default now(),
    outcome         varchar(32),
    last_error      varchar(300),
    received_at     timestamptz   not null default now(),
    finished_at     timestamptz,
    constraint stripe_webhook_inbox_status check (status in ('PENDING', 'DONE', 'DEAD')),
    constraint stripe_webhook_inbox_payload check (status <> 'PENDING' or payload is not null)
);
create index stripe_webhook_inbox_due on stripe_webhook_inbox (next_attempt_at) where status = 'PENDING';
create index stripe_webhook_inbox_dead on stripe_webhook_inbox (received_at) where status = 'DEAD';
