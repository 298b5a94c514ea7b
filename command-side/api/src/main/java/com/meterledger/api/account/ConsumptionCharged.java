package com.meterledger.api.account;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.Money;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Consumption priced and debited. {@code amount} is whole minor units; the exact price's fraction of a minor unit
 * that was not charged is {@code remainderCarried} and counts towards the next charge, so rounding never drifts.
 */
public record ConsumptionCharged(AccountId accountId, MeterId meterId, Instant readAt, BigDecimal quantity,
                                 Money amount, BigDecimal remainderCarried, Money balanceAfter) {
}
