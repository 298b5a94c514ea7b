package com.meterledger.api.account;

import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A top-up. {@code reference} (receipt number, payment id) is the idempotency key: the same one never credits twice.
 * {@code purchaseSequence} is the account's running purchase number, or null where the channel has none: a number
 * already used is refused, a skipped one is flagged.
 */
public record RecordTopUp(@TargetAggregateIdentifier AccountId accountId, Money amount, String reference,
                          Long purchaseSequence) {
    public RecordTopUp {
        FreeText.require("reference", reference, FreeText.TEXT);
    }
}
