package com.meterledger.api.meter;

import com.meterledger.api.shared.FreeText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/**
 * Declares that the meter's register has wrapped (or is about to) at its capacity: the next reading whose total is
 * below the latest accepted one is read as having passed {@code rolloverAt} (the register's maximum plus its
 * resolution, e.g. {@code 100000} for a 99999.999 register) instead of being rejected as going backwards.
 */
public record DeclareRegisterRollover(@TargetAggregateIdentifier MeterId meterId, BigDecimal rolloverAt,
                                      String reason) {
    public DeclareRegisterRollover {
        FreeText.require("reason", reason, FreeText.TEXT);
    }
}
