package com.meterledger.core.tariff;

import com.meterledger.api.tariff.ChargeLine;

import java.math.BigDecimal;
import java.util.List;

/** Priced lines and their exact (unrounded) sum in minor units. */
public record TariffBreakdown(List<ChargeLine> lines, BigDecimal exactTotal) {
    public TariffBreakdown {
        lines = List.copyOf(lines);
    }

    static TariffBreakdown of(List<ChargeLine> lines) {
        BigDecimal total = BigDecimal.ZERO;
        for (ChargeLine line : lines) {
            total = total.add(line.amount());
        }
        return new TariffBreakdown(lines, total);
    }
}
