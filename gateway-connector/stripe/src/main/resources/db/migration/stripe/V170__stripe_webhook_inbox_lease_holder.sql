-- Who holds a taken delivery's lease (gateway-connector, StripeWebhookWorker): a node renews the leases of the
-- deliveries in its hands while it works on them, and only those it still holds, so the lease can be short (15 s
-- instead of 5 minutes) and a dead node's deliveries are taken again within seconds. Null when nobody holds it.
alter table stripe_webhook_inbox add column claimed_by varchar(64);
