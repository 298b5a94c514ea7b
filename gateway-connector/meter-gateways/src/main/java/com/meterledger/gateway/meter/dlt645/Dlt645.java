package com.meterledger.gateway.meter.dlt645;

import com.meterledger.gateway.meter.dlt645.Dlt645Exception.Reason;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * DL/T 645-2007 frames (see {@link Dlt645Frame} for the layout) and the values of read answers. Pure functions: no
 * I/O, no state. Every refusal is a {@link Dlt645Exception} naming its reason.
 */
public final class Dlt645 {
    private static final int START = 0x68;
    private static final int END = 0x16;
    private static final int WAKE_UP = 0xFE;
    private static final int OFFSET = 0x33;
    /** 68 + address + 68 + C + L, CS and 16 */
    private static final int ENVELOPE = 12;

    private Dlt645() {
    }

    /** A value read from a meter. */
    public record Reading(String address, DataIdentifier identifier, BigDecimal value) {
    }

    public static Dlt645Frame decode(byte[] bytes) {
        int start = 0;
        while (start < bytes.length && (bytes[start] & 0xFF) == WAKE_UP) {
            start++;
        }
        if (start >= bytes.length || (bytes[start] & 0xFF) != START) {
            throw new Dlt645Exception(Reason.NO_START, "no 68h after " + start + " wake-up bytes");
        }
        if (bytes.length - start < ENVELOPE) {
            throw new Dlt645Exception(Reason.BAD_LENGTH, (bytes.length - start) + " bytes, a frame has at least "
                    + ENVELOPE);
        }
        if ((bytes[start + 7] & 0xFF) != START) {
            throw new Dlt645Exception(Reason.NO_START, "no second 68h after the address");
        }
        int length = bytes[start + 9] & 0xFF;
        int checksumAt = start + 10 + length;
        if (checksumAt + 2 != bytes.length) {
            throw new Dlt645Exception(Reason.BAD_LENGTH, "L says " + length + " data bytes, the frame has "
                    + (bytes.length - start - ENVELOPE));
        }
        int sum = checksum(bytes, start, checksumAt);
        if (sum != (bytes[checksumAt] & 0xFF)) {
            throw new Dlt645Exception(Reason.BAD_CHECKSUM, "sent " + hex(bytes[checksumAt] & 0xFF) + ", computed "
                    + hex(sum));
        }
        if ((bytes[checksumAt + 1] & 0xFF) != END) {
            throw new Dlt645Exception(Reason.NO_END, "the frame ends with " + hex(bytes[checksumAt + 1] & 0xFF));
        }
        byte[] address = new byte[6];
        for (int i = 0; i < 6; i++) {
            address[i] = bytes[start + 6 - i];
        }
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (bytes[start + 10 + i] - OFFSET);
        }
        return new Dlt645Frame(bcd(address, Reason.BAD_ADDRESS), bytes[start + 8] & 0xFF, data);
    }

    /** The frame's bytes with {@code wakeUp} FE bytes in front (gateways usually send 4, or none). */
    public static byte[] encode(Dlt645Frame frame, int wakeUp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < wakeUp; i++) {
            out.write(WAKE_UP);
        }
        out.write(START);
        String address = frame.address();
        for (int i = 5; i >= 0; i--) {
            out.write(Integer.parseInt(address.substring(2 * i, 2 * i + 2), 16));
        }
        out.write(START);
        out.write(frame.control());
        byte[] data = frame.data();
        out.write(data.length);
        for (byte b : data) {
            out.write((b + OFFSET) & 0xFF);
        }
        byte[] body = out.toByteArray();
        out.write(checksum(body, wakeUp, body.length));
        out.write(END);
        return out.toByteArray();
    }

    /** The value a meter answered to a read of one of the {@link DataIdentifier}s known here. */
    public static Reading reading(Dlt645Frame frame) {
        if (frame.control() == Dlt645Frame.READ_REFUSED) {
            byte[] data = frame.data();
            throw new Dlt645Exception(Reason.REFUSED_BY_METER, "error byte " + (data.length == 0 ? "none"
                    : hex(data[0] & 0xFF)));
        }
        if (frame.control() != Dlt645Frame.READ_ANSWER && frame.control() != Dlt645Frame.READ_ANSWER_WITH_MORE) {
            throw new Dlt645Exception(Reason.NOT_A_READ_ANSWER, "control code " + hex(frame.control()));
        }
        byte[] data = frame.data();
        if (data.length < 4) {
            throw new Dlt645Exception(Reason.BAD_LENGTH, "a read answer starts with a 4-byte data identifier");
        }
        long code = (data[3] & 0xFFL) << 24 | (data[2] & 0xFF) << 16 | (data[1] & 0xFF) << 8 | (data[0] & 0xFF);
        DataIdentifier identifier = DataIdentifier.of(code)
                .orElseThrow(() -> new Dlt645Exception(Reason.UNKNOWN_DATA_IDENTIFIER, DataIdentifier.format(code)));
        if (data.length - 4 != identifier.bytes()) {
            throw new Dlt645Exception(Reason.BAD_LENGTH, identifier + " has " + identifier.bytes()
                    + " value bytes, the answer " + (data.length - 4));
        }
        byte[] value = new byte[identifier.bytes()];
        for (int i = 0; i < value.length; i++) {
            value[i] = data[4 + value.length - 1 - i];
        }
        BigDecimal number = new BigDecimal(new BigInteger(bcd(value, Reason.BAD_BCD)), identifier.decimals());
        return new Reading(frame.address(), identifier, number);
    }

    /** A read answer carrying {@code value} (for simulators and tests: what a meter would send). */
    public static Dlt645Frame answer(String address, DataIdentifier identifier, BigDecimal value) {
        String digits = value.setScale(identifier.decimals()).unscaledValue().toString();
        if (value.signum() < 0 || digits.length() > 2 * identifier.bytes()) {
            throw new IllegalArgumentException(value + " does not fit " + identifier);
        }
        digits = "0".repeat(2 * identifier.bytes() - digits.length()) + digits;
        byte[] data = new byte[4 + identifier.bytes()];
        for (int i = 0; i < 4; i++) {
            data[i] = (byte) (identifier.code() >>> (8 * i));
        }
        for (int i = 0; i < identifier.bytes(); i++) {
            int at = digits.length() - 2 * (i + 1);
            data[4 + i] = (byte) Integer.parseInt(digits.substring(at, at + 2), 16);
        }
        return new Dlt645Frame(address, Dlt645Frame.READ_ANSWER, data);
    }

    private static int checksum(byte[] bytes, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += bytes[i] & 0xFF;
        }
        return sum & 0xFF;
    }

    /** Packed BCD, most significant byte first, as decimal digits. */
    private static String bcd(byte[] bytes, Reason reason) {
        StringBuilder digits = new StringBuilder(2 * bytes.length);
        for (byte b : bytes) {
            int high = (b >> 4) & 0x0F;
            int low = b & 0x0F;
            if (high > 9 || low > 9) {
                throw new Dlt645Exception(reason, "byte " + hex(b & 0xFF) + " is not two decimal digits");
            }
            digits.append((char) ('0' + high)).append((char) ('0' + low));
        }
        return digits.toString();
    }

    private static String hex(int b) {
        return String.format("%02Xh", b);
    }
}
