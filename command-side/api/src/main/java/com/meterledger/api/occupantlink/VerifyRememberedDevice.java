package com.meterledger.api.occupantlink;

/**
 * Query: what a remembered phone's cookie grants, answered with an {@code Optional<RememberedDeviceGrant>}: empty
 * unless the cookie is well-formed and known, and its phone has not ended, not expired and its payment link is not
 * revoked. Sent by the occupant's doors, which have no caller: the cookie is the only authority, and the grant names
 * its tenant. Which account the grant opens is the door's check ({@link RememberedDeviceGrant#opens}).
 */
public record VerifyRememberedDevice(String cookie) {
    @Override
    public String toString() {
        return "VerifyRememberedDevice[cookie=<withheld>]";
    }
}
