package com.meterledger.api.account;

import com.meterledger.api.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A top-up; {@code reference} (receipt number, payment id) is the idempotency key: the same one never credits twice. */
public record RecordTopUp(@TargetAggregateIdentifier AccountId accountId, Money amount, String reference) {
}
