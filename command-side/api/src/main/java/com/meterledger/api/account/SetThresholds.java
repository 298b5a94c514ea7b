package com.meterledger.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SetThresholds(@TargetAggregateIdentifier AccountId accountId, Thresholds thresholds) {
}
