package com.meterledger.gateway.notification;

/**
 * The one way out for notifications. Each adapter (e-mail, SMS, webhook) serves one {@link Channel}. An adapter either
 * hands the message over to its transport or throws {@link DeliveryFailed}; it never retries on its own.
 */
public interface NotificationPort {
    Channel channel();

    void send(Delivery delivery) throws DeliveryFailed;

    /** A rendered notification and the occupant it goes to. */
    record Delivery(Notification notification, OccupantContact recipient, RenderedMessage message) {
    }
}
