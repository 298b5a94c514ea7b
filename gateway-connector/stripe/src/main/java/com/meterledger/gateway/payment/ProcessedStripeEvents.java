package com.meterledger.gateway.payment;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Table stripe_webhook_event (V60): which verified Stripe events are done. Platform data, no tenant rows. */
public class ProcessedStripeEvents {
    private final JdbcClient jdbc;

    public ProcessedStripeEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean done(String eventId) {
        return jdbc.sql("select count(*) from stripe_webhook_event where event_id = ?").param(eventId)
                .query(Long.class).single() > 0;
    }

    /** @return false when another delivery recorded it first */
    public boolean markDone(String eventId, String type, String outcome) {
        return jdbc.sql("""
                        insert into stripe_webhook_event (event_id, event_type, outcome) values (?, ?, ?)
                        on conflict (event_id) do nothing""")
                .params(eventId, type, outcome).update() == 1;
    }
}
