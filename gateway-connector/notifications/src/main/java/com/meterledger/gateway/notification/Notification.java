package com.meterledger.gateway.notification;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing worth telling an occupant, derived from one event. Carries facts only (ids and amounts), never contact
 * data: the recipient is looked up when it is sent. {@code eventId} is the identifier of the event that caused it and
 * is what makes sending idempotent.
 *
 * @param amount       the top-up amount (TOP_UP_RECEIVED)
 * @param balance      the balance after the event (LOW_BALANCE, DEPLETED, TOP_UP_RECEIVED)
 * @param threshold    the level that was crossed: warning level (LOW_BALANCE) or cut-off level (DEPLETED)
 * @param warningLevel 1 or 2 (LOW_BALANCE)
 * @param reference    the payment reference (TOP_UP_RECEIVED); the link itself (PAYMENT_LINK: a secret, never logged
 *                     or stored)
 */
public record Notification(String eventId, TenantId tenant, AccountId accountId, MeterId meterId,
                           NotificationKind kind, Instant occurredAt, Money amount, Money balance, Money threshold,
                           Integer warningLevel, String reference) {
    public Notification {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    public static Notification lowBalance(String eventId, TenantId tenant, AccountId account, Instant at, int level,
                                          Money balance, Money threshold) {
        return new Notification(eventId, tenant, account, null, NotificationKind.LOW_BALANCE, at, null, balance,
                threshold, level, null);
    }

    public static Notification depleted(String eventId, TenantId tenant, AccountId account, MeterId meter, Instant at,
                                        Money balance, Money cutOffLevel) {
        return new Notification(eventId, tenant, account, meter, NotificationKind.DEPLETED, at, null, balance,
                cutOffLevel, null, null);
    }

    public static Notification supplyOff(String eventId, TenantId tenant, AccountId account, MeterId meter,
                                         Instant at) {
        return new Notification(eventId, tenant, account, meter, NotificationKind.SUPPLY_OFF, at, null, null, null,
                null, null);
    }

    public static Notification supplyOn(String eventId, TenantId tenant, AccountId account, MeterId meter,
                                        Instant at) {
        return new Notification(eventId, tenant, account, meter, NotificationKind.SUPPLY_ON, at, null, null, null,
                null, null);
    }

    /** {@code occurredAt} is when the link expires: the text tells the occupant until when it works. */
    public static Notification paymentLink(String deliveryId, TenantId tenant, AccountId account, Instant expiresAt,
                                           String url) {
        return new Notification(deliveryId, tenant, account, null, NotificationKind.PAYMENT_LINK, expiresAt, null,
                null, null, null, url);
    }

    public static Notification topUpReceived(String eventId, TenantId tenant, AccountId account, Instant at,
                                             Money amount, String reference, Money balanceAfter) {
        return new Notification(eventId, tenant, account, null, NotificationKind.TOP_UP_RECEIVED, at, amount,
                balanceAfter, null, null, reference);
    }
}
