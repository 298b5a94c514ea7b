package com.meterledger.api.account;

import com.meterledger.api.meter.MeterId;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The account is supplied through {@code newMeterId} from {@code newOpeningReadAt} on; {@code oldMeterId}'s final
 * reading was charged before. {@code accountDepleted}: the balance was at or below the cut-off level when the meter
 * was swapped, so supply control evaluates the new meter (which is installed with supply on).
 */
public record MeterReplaced(AccountId accountId, MeterId oldMeterId, Instant oldFinalReadAt,
                            BigDecimal oldFinalRegister, MeterId newMeterId, Instant newOpeningReadAt,
                            BigDecimal newOpeningRegister, boolean accountDepleted) {
}
