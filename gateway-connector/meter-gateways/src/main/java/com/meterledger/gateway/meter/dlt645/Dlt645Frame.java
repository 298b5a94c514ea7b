package com.meterledger.gateway.meter.dlt645;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One DL/T 645-2007 frame, decoded from or to the bytes a meter sends:
 * <pre>
 *   FE.. (0-4 wake-up bytes)  68  A0..A5  68  C  L  DATA(L bytes, each +33h)  CS  16
 * </pre>
 * The address is 12 BCD digits sent lowest byte first ({@code 123456789012} goes as {@code 12 90 78 56 34 12});
 * every data byte is sent plus 0x33 (mod 256); CS is the sum mod 256 of every byte from the first 68 to the last data
 * byte. {@link #data} here is the data as meant, the 0x33 already taken off; a read response's data begins with the
 * four bytes of the data identifier, lowest first.
 *
 * @param address 12 decimal digits, as printed on the meter
 * @param control the control code, e.g. 0x11 read request, 0x91 its normal answer, 0xD1 its abnormal answer
 */
public record Dlt645Frame(String address, int control, byte[] data) {
    public static final int READ = 0x11;
    public static final int READ_ANSWER = 0x91;
    public static final int READ_ANSWER_WITH_MORE = 0xB1;
    public static final int READ_REFUSED = 0xD1;

    public Dlt645Frame {
        if (address == null || !address.matches("\\d{12}")) {
            throw new IllegalArgumentException("a DL/T 645 address is 12 decimal digits: " + address);
        }
        if (control < 0 || control > 0xFF) {
            throw new IllegalArgumentException("a control code is one byte: " + control);
        }
        if (data == null || data.length > 0xFF) {
            throw new IllegalArgumentException("a frame carries 0-255 data bytes");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dlt645Frame frame && address.equals(frame.address) && control == frame.control
                && Arrays.equals(data, frame.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * address.hashCode() + control) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Dlt645Frame[address=" + address + ", control=" + Integer.toHexString(control) + ", data="
                + HexFormat.of().formatHex(data) + "]";
    }
}
