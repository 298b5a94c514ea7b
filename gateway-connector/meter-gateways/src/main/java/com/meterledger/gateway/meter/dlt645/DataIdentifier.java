package com.meterledger.gateway.meter.dlt645;

import java.util.Arrays;
import java.util.Optional;

/**
 * The DL/T 645-2007 data identifiers (DI3 DI2 DI1 DI0) read here, with the size and decimals of their BCD value.
 * Energies are XXXXXX.XX kWh in 4 bytes; the rate registers 1-4 are the time-of-use registers (sharp, peak, flat,
 * valley).
 */
public enum DataIdentifier {
    COMBINED_ACTIVE_ENERGY(0x00000000L, 4, 2, "kWh"),
    FORWARD_ACTIVE_ENERGY(0x00010000L, 4, 2, "kWh"),
    FORWARD_ACTIVE_ENERGY_RATE_1(0x00010100L, 4, 2, "kWh"),
    FORWARD_ACTIVE_ENERGY_RATE_2(0x00010200L, 4, 2, "kWh"),
    FORWARD_ACTIVE_ENERGY_RATE_3(0x00010300L, 4, 2, "kWh"),
    FORWARD_ACTIVE_ENERGY_RATE_4(0x00010400L, 4, 2, "kWh"),
    REVERSE_ACTIVE_ENERGY(0x00020000L, 4, 2, "kWh"),
    PHASE_A_VOLTAGE(0x02010100L, 2, 1, "V"),
    PHASE_A_CURRENT(0x02020100L, 3, 3, "A");

    private final long code;
    private final int bytes;
    private final int decimals;
    private final String unit;

    DataIdentifier(long code, int bytes, int decimals, String unit) {
        this.code = code;
        this.bytes = bytes;
        this.decimals = decimals;
        this.unit = unit;
    }

    public long code() {
        return code;
    }

    int bytes() {
        return bytes;
    }

    int decimals() {
        return decimals;
    }

    public String unit() {
        return unit;
    }

    static Optional<DataIdentifier> of(long code) {
        return Arrays.stream(values()).filter(identifier -> identifier.code == code).findFirst();
    }

    /** As the standard writes it: {@code 00 01 00 00}. */
    static String format(long code) {
        return String.format("%02X %02X %02X %02X", (code >>> 24) & 0xFF, (code >>> 16) & 0xFF, (code >>> 8) & 0xFF,
                code & 0xFF);
    }

    @Override
    public String toString() {
        return name() + " (" + format(code) + ")";
    }
}
