package com.meterledger.api.supply;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.meter.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Supply control asks the meter to apply the supply policy after a change of its account's money. */
public record EvaluateSupply(@TargetAggregateIdentifier MeterId meterId, AccountId accountId, SupplyTrigger trigger) {
}
