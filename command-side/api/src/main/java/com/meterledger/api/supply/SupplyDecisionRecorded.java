package com.meterledger.api.supply;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.meter.MeterId;

/** What supply control decided about a meter and the rule that fired, so every cut or non-cut explains itself. */
public record SupplyDecisionRecorded(MeterId meterId, AccountId accountId, SupplyDecision decision, String rule,
                                     String detail) {
}
