package com.meterledger.api.account;

import com.meterledger.api.meter.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Meter replacement, one unit of work: the old meter's final reading is charged to the account, the old meter is
 * detached and decommissioned, and the new meter (registered, same tenant and utility, free, in service) is attached
 * with its opening reading. The account continues: tariff, tier counter, carried remainder and balance.
 *
 * @param oldFinalRegisters   the old meter's time-of-use registers' final values (empty for a single register)
 * @param newOpeningRegisters the new meter's time-of-use registers' opening values (empty for a single register)
 */
public record ReplaceMeter(@TargetAggregateIdentifier AccountId accountId, MeterId oldMeterId, Instant oldFinalReadAt,
                           BigDecimal oldFinalRegister, Map<String, BigDecimal> oldFinalRegisters,
                           MeterId newMeterId, Instant newOpeningReadAt, BigDecimal newOpeningRegister,
                           Map<String, BigDecimal> newOpeningRegisters) {
    public ReplaceMeter {
        oldFinalRegisters = oldFinalRegisters == null ? Map.of() : Map.copyOf(oldFinalRegisters);
        newOpeningRegisters = newOpeningRegisters == null ? Map.of() : Map.copyOf(newOpeningRegisters);
    }

    public ReplaceMeter(AccountId accountId, MeterId oldMeterId, Instant oldFinalReadAt, BigDecimal oldFinalRegister,
                        MeterId newMeterId, Instant newOpeningReadAt, BigDecimal newOpeningRegister) {
        this(accountId, oldMeterId, oldFinalReadAt, oldFinalRegister, Map.of(), newMeterId, newOpeningReadAt,
                newOpeningRegister, Map.of());
    }
}
