package com.meterledger.api.occupantlink;

/** Why a remembered phone no longer opens the portal; each one ends it for good. */
public enum RememberedDeviceEnding {
    /** A member of staff revoked it (one device, or all of the account's). */
    REVOKED_BY_STAFF,
    /** The occupant chose "forget this phone" on the portal. */
    FORGOTTEN_BY_OCCUPANT,
    /** The payment link it was remembered through was revoked: what the link gave, the phone loses. */
    LINK_REVOKED,
    /** The account was closed (move-out): the next occupant's portal is not the last one's. */
    ACCOUNT_CLOSED
}
