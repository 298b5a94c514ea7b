package com.meterledger.api.supply;

/**
 * Query across tenants, for the supply reconciler only: meters with no command pending whose relay, as the read model
 * has it, may be away from what their account intends (supply off while the account is not depleted, on while it is
 * depleted and unprotected, or in doubt after a command ended unanswered). Answered with a
 * {@code List<SupplyToReconcile>} of at most {@code limit}, ordered by tenant then meter, starting after {@code after}
 * (null: from the first). Ids only: each meter then decides on its own state within its tenant. The read model lags
 * the events, so an answer may name a meter that needs nothing, or miss one for a pass.
 */
public record FindSupplyToReconcile(SupplyToReconcile after, int limit) {
}
