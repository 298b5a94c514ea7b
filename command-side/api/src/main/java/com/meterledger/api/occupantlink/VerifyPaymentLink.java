package com.meterledger.api.occupantlink;

/**
 * Query: what a payment-link token grants, answered with an {@code Optional<PaymentLinkGrant>}: empty unless its
 * signature, type, audience and expiry hold and its stored link is neither revoked nor expired. Sent by the occupant's
 * doors, which have no caller: the token is the only authority, and the grant names its tenant.
 */
public record VerifyPaymentLink(String token) {
    @Override
    public String toString() {
        return "VerifyPaymentLink[token=<withheld>]";
    }
}
