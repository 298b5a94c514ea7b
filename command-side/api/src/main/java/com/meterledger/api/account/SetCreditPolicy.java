package com.meterledger.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SetCreditPolicy(@TargetAggregateIdentifier AccountId accountId, CreditPolicy policy) {
}
