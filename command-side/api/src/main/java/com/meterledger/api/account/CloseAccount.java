package com.meterledger.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Move-out: the final reading is charged, a positive balance is settled by refund or transfer to
 * {@code transferTo}, and the account closes. A negative balance stays on record as arrears.
 */
public record CloseAccount(@TargetAggregateIdentifier AccountId accountId, Instant finalReadAt,
                           BigDecimal finalRegister, Settlement settlement, AccountId transferTo) {
}
