package com.meterledger.api.account;

import com.meterledger.api.shared.Money;

import java.time.Instant;

/** The account is closed; {@code arrears} is what the occupant still owed (zero when settled). */
public record AccountClosed(AccountId accountId, Money arrears, Instant closedAt) {
}
