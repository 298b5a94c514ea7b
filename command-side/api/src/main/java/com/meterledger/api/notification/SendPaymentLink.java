package com.meterledger.api.notification;

import com.meterledger.api.account.AccountId;

import java.time.Instant;

/**
 * Send an occupant their payment link over one channel, to the account's stored contact (the sender's tenant). The
 * url carries the link's token, a bearer secret: commands are never stored, and no handler may log or keep it
 * ({@link #toString()} withholds it). Refused with a rule when there is no contact or address for the channel, the
 * channel is not enabled, or it did not accept the message; nothing is sent then.
 */
public record SendPaymentLink(AccountId accountId, String linkId, OccupantChannel channel, String url,
                              Instant expiresAt) {
    @Override
    public String toString() {
        return "SendPaymentLink[accountId=" + accountId + ", linkId=" + linkId + ", channel=" + channel
                + ", url=<withheld>, expiresAt=" + expiresAt + "]";
    }
}
