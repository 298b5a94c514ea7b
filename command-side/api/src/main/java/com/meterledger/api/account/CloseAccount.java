package com.meterledger.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Move-out: the final reading is charged, a positive balance is settled by refund or transfer to
 * {@code transferTo}, and the account closes. A negative balance stays on record as arrears.
 *
 * @param finalRegisters the time-of-use registers' final values (empty for a single-register meter)
 */
public record CloseAccount(@TargetAggregateIdentifier AccountId accountId, Instant finalReadAt,
                           BigDecimal finalRegister, Map<String, BigDecimal> finalRegisters, Settlement settlement,
                           AccountId transferTo) {
    public CloseAccount {
        finalRegisters = finalRegisters == null ? Map.of() : Map.copyOf(finalRegisters);
    }

    public CloseAccount(AccountId accountId, Instant finalReadAt, BigDecimal finalRegister, Settlement settlement,
                        AccountId transferTo) {
        this(accountId, finalReadAt, finalRegister, Map.of(), settlement, transferTo);
    }
}
