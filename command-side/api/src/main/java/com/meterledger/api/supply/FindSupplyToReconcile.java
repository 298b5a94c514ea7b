package com.meterledger.api.supply;

import java.time.Instant;

/**
 * Query across tenants, for the supply reconciler only: meters with no command pending whose relay, as the read model
 * has it, may be away from what their account intends (supply off while the account is not depleted, on while it is
 * depleted and unprotected, or in doubt after a command ended unanswered). Answered with a
 * {@code List<SupplyToReconcile>} of at most {@code limit}, ordered by tenant then meter, starting after {@code after}
 * (null: from the first). Ids only: each meter then decides on its own state within its tenant. The read model lags
 * the events, so an answer may name a meter that needs nothing, or miss one for a pass.
 * <p>
 * A meter backing off after abandoned commands ({@link SupplyRetryDeferred}) is left out until {@code at} reaches its
 * {@code notBefore}, unless its account now intends the other action: asking it sooner only loads it to hear "not
 * yet". The meter still judges its back-off itself when asked.
 */
public record FindSupplyToReconcile(SupplyToReconcile after, int limit, Instant at) {
}
