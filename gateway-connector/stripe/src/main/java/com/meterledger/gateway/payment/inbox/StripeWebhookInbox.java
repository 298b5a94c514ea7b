package com.meterledger.gateway.payment.inbox;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Table stripe_webhook_inbox (V110): verified Stripe deliveries waiting to be processed. Platform data without tenant
 * rows (a delivery's tenant is only known once it is processed), so every statement here is plain autocommit SQL.
 */
public class StripeWebhookInbox {
    private final JdbcClient jdbc;

    public StripeWebhookInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A delivery taken by a worker; {@code attempts} counts the tries before this one. */
    public record Delivery(long deliveryId, String eventId, String eventType, String payload, int attempts) {
    }

    /** One row of the operators' view; no payload. */
    public record Entry(long deliveryId, String eventId, String eventType, String status, int attempts,
                        Instant nextAttemptAt, String outcome, String lastError, Instant receivedAt,
                        Instant finishedAt) {
    }

    /**
     * Stores a verified delivery. Stripe's redelivery of an event already stored changes nothing; one that had gone
     * dead is given a fresh start.
     *
     * @return true when the delivery was queued now, false when the event was already received
     */
    public boolean store(String eventId, String eventType, String payload) {
        return jdbc.sql("""
                        insert into stripe_webhook_inbox (event_id, event_type, payload) values (?, ?, ?)
                        on conflict (event_id) do update
                            set status = 'PENDING', attempts = 0, next_attempt_at = now(), payload = excluded.payload,
                                finished_at = null, claimed_by = null
                            where stripe_webhook_inbox.status = 'DEAD'
                        returning delivery_id""")
                .params(eventId, eventType, payload)
                .query(Long.class).optional().isPresent();
    }

    /**
     * Takes up to {@code limit} due deliveries, oldest first, and leases them to {@code holder} for {@code lease}:
     * rows other workers hold are skipped, and a row whose worker died is due again when its lease has passed.
     */
    public List<Delivery> claim(int limit, Duration lease, String holder) {
        return jdbc.sql("""
                        update stripe_webhook_inbox set next_attempt_at = now() + make_interval(secs => ?),
                            claimed_by = ?
                        where delivery_id in (
                            select delivery_id from stripe_webhook_inbox
                            where status = 'PENDING' and next_attempt_at <= now()
                            order by next_attempt_at, delivery_id
                            limit ? for update skip locked)
                        returning delivery_id, event_id, event_type, payload, attempts""")
                .params((double) lease.toMillis() / 1000, holder, limit)
                .query((rs, row) -> new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5)))
                .list()
                .stream().sorted(Comparator.comparingLong(Delivery::deliveryId)).toList();
    }

    /**
     * Extends the leases {@code holder} still holds on these deliveries to {@code lease} from now; a delivery that was
     * finished, put back, or taken by another worker after the lease ran out is left alone.
     *
     * @return how many leases were extended
     */
    public int renew(Collection<Long> deliveryIds, Duration lease, String holder) {
        if (deliveryIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update stripe_webhook_inbox set next_attempt_at = now() + make_interval(secs => ?)
                        where delivery_id = any(?) and status = 'PENDING' and claimed_by = ?""")
                .params((double) lease.toMillis() / 1000, deliveryIds.toArray(Long[]::new), holder)
                .update();
    }

    /**
     * Finished: the payload (which may hold what the payer typed at Stripe) is dropped. Only while {@code holder}
     * still holds the delivery: a worker that stalled past its lease (a long pause under load) while another took the
     * delivery and finished it must not write its late outcome over the other's (the payment itself is applied once
     * either way, by the processed-events guard).
     *
     * @return false when the delivery was no longer this holder's
     */
    public boolean done(long deliveryId, int attempts, String outcome, String holder) {
        return jdbc.sql("""
                        update stripe_webhook_inbox set status = 'DONE', attempts = ?, outcome = ?, payload = null,
                            last_error = null, finished_at = now(), claimed_by = null
                        where delivery_id = ? and status = 'PENDING' and claimed_by = ?""")
                .params(attempts, outcome, deliveryId, holder).update() == 1;
    }

    /**
     * Not finished: due again after {@code backoff}, or dead (kept with its payload for an operator) when out of tries.
     * Only while {@code holder} still holds the delivery: a stalled worker's late failure must not put back a
     * delivery another worker finished.
     *
     * @return false when the delivery was no longer this holder's
     */
    public boolean retryLater(long deliveryId, int attempts, String error, Duration backoff, boolean dead,
                              String holder) {
        return jdbc.sql("""
                        update stripe_webhook_inbox
                        set status = ?, attempts = ?, last_error = ?, claimed_by = null,
                            next_attempt_at = now() + make_interval(secs => ?),
                            finished_at = case when ? then now() end
                        where delivery_id = ? and status = 'PENDING' and claimed_by = ?""")
                .params(dead ? "DEAD" : "PENDING", attempts, error, (double) backoff.toMillis() / 1000, dead,
                        deliveryId, holder)
                .update() == 1;
    }

    /** An operator gives a dead delivery a fresh start; false when there is no such dead delivery. */
    public boolean revive(long deliveryId) {
        return jdbc.sql("""
                        update stripe_webhook_inbox
                        set status = 'PENDING', attempts = 0, next_attempt_at = now(), finished_at = null,
                            claimed_by = null
                        where delivery_id = ? and status = 'DEAD'""")
                .param(deliveryId).update() == 1;
    }

    public long count(String status) {
        return jdbc.sql("select count(*) from stripe_webhook_inbox where status = ?").param(status)
                .query(Long.class).single();
    }

    /** The newest entries of one status (or of all when null), for operators. */
    public List<Entry> list(String status, int limit) {
        return jdbc.sql("""
                        select delivery_id, event_id, event_type, status, attempts, next_attempt_at, outcome,
                            last_error, received_at, finished_at
                        from stripe_webhook_inbox where (cast(? as varchar) is null or status = ?)
                        order by delivery_id desc limit ?""")
                .params(status, status, limit)
                .query((rs, row) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), instant(rs.getTimestamp(6)), rs.getString(7), rs.getString(8),
                        instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10))))
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
