package com.meterledger.gateway.notification;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.TenantId;

/**
 * What was sent, keyed by the causing event's identifier and the channel. A claim is committed before anything is
 * sent, so a redelivered event (replay, restart, another node) finds it and sends nothing: at most once per event and
 * channel. A crash between claim and send leaves a SENDING row to look at rather than a second message.
 */
public interface NotificationLog {
    /** True if this call claimed (event, channel) and so must send; false if it was claimed before. */
    boolean claim(Notification notification, Channel channel);

    void sent(String eventId, Channel channel, int attempts);

    void failed(String eventId, Channel channel, int attempts, String error);

    /** Erasure: drop free-text details (error messages may quote an address) kept for the account. */
    void forget(TenantId tenant, AccountId account);

    enum Status {
        SENDING,
        SENT,
        FAILED
    }
}
