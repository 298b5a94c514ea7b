package com.meterledger.api.tenant;

/**
 * Where a tenant stands with the platform: signed up → e-mail verified → trialing → active → past due (grace) →
 * suspended → cancelled → closed. What a state allows is decided here once; occupants are never affected by it
 * (readings are charged, cut and restore rules run, payment links work in every state).
 */
public enum TenantStatus {
    /** Signed up, the administrator's e-mail not yet verified: nobody can sign in. */
    SIGNED_UP,
    /** The administrator verified the e-mail and set a password; no plan chosen yet. */
    VERIFIED,
    TRIALING,
    ACTIVE,
    /** An invoice failed: staff keep working during the platform's grace period. */
    PAST_DUE,
    /** Staff may read but not write (the platform suspended it, or the grace period ran out). */
    SUSPENDED,
    /** The subscription ended; staff may read and export until the tenant is closed. */
    CANCELLED,
    /** Personal data erased; the financial record is kept for the retention period. */
    CLOSED;

    /** Whether the tenant's staff can sign in at all. */
    public boolean staffMaySignIn() {
        return this != SIGNED_UP && this != CLOSED;
    }

    /** Whether the tenant's staff may change anything (suspension limits staff writes only). */
    public boolean staffMayWrite() {
        return this == VERIFIED || this == TRIALING || this == ACTIVE || this == PAST_DUE;
    }
}
