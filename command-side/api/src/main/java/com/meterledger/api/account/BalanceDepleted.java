package com.meterledger.api.account;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.Money;

/** The balance fell to or below the cut-off level: supply control decides what happens to the meter. */
public record BalanceDepleted(AccountId accountId, MeterId meterId, Money balance, Money cutOffLevel) {
}
