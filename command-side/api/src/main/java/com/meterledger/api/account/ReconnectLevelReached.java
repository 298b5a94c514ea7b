package com.meterledger.api.account;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.Money;

/** After a depletion, the balance rose above the reconnect level: supply may be restored. */
public record ReconnectLevelReached(AccountId accountId, MeterId meterId, Money balance) {
}
