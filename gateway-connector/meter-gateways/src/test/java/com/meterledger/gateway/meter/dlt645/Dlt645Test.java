package com.meterledger.gateway.meter.dlt645;

import com.meterledger.gateway.meter.dlt645.Dlt645Exception.Reason;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DL/T 645-2007 frames, checked against frames laid out by hand from the standard. */
class Dlt645Test {
    /**
     * Meter 123456789012 answers a read of forward active energy (00 01 00 00) with 123456.78 kWh:
     * wake-up FE x4, 68, address low byte first (12 90 78 56 34 12), 68, C=91, L=08, data +33h (DI0..DI3 = 00 00 01 00
     * -> 33 33 34 33; BCD 12345678 low byte first 78 56 34 12 -> AB 89 67 45), CS = sum from the first 68 mod 256 = CC,
     * 16.
     */
    private static final String ENERGY_ANSWER = "FEFEFEFE 68 129078563412 68 91 08 33333433 AB896745 CC 16";

    @Test
    void aReadAnswerOfForwardActiveEnergyDecodesToItsRegisterValue() {
        Dlt645Frame frame = Dlt645.decode(hex(ENERGY_ANSWER));

        Dlt645.Reading reading = Dlt645.reading(frame);

        assertThat(frame.address()).isEqualTo("123456789012");
        assertThat(frame.control()).isEqualTo(Dlt645Frame.READ_ANSWER);
        assertThat(reading.identifier()).isEqualTo(DataIdentifier.FORWARD_ACTIVE_ENERGY);
        assertThat(reading.value()).isEqualByComparingTo("123456.78");
    }

    @Test
    void theWakeUpBytesAreOptional() {
        assertThat(Dlt645.decode(hex(ENERGY_ANSWER.substring("FEFEFEFE ".length()))))
                .isEqualTo(Dlt645.decode(hex(ENERGY_ANSWER)));
    }

    @Test
    void aPhaseVoltageHasOneDecimal() {
        // 02 01 01 00 -> DI0..DI3 00 01 01 02 -> 33 34 34 35; 230.5 V = BCD 2305 -> 05 23 -> 38 56
        byte[] frame = layout("000000000001", 0x91, "33343435" + "3856");

        assertThat(Dlt645.reading(Dlt645.decode(frame)).value()).isEqualByComparingTo("230.5");
    }

    @Test
    void aWrongChecksumIsRefusedWithItsReason() {
        String corrupted = ENERGY_ANSWER.replace(" CC ", " CD ");

        assertRefused(() -> Dlt645.decode(hex(corrupted)), Reason.BAD_CHECKSUM);
    }

    @Test
    void aLengthThatDisagreesWithTheFrameIsRefused() {
        String shorter = ENERGY_ANSWER.replace(" 08 ", " 07 ");

        assertRefused(() -> Dlt645.decode(hex(shorter)), Reason.BAD_LENGTH);
        assertRefused(() -> Dlt645.decode(hex("FEFE 68 1290")), Reason.BAD_LENGTH);
    }

    @Test
    void aFrameWithoutItsStartOrEndIsRefused() {
        assertRefused(() -> Dlt645.decode(hex("FEFE 00 129078563412 68 91 00 00 16")), Reason.NO_START);
        byte[] frame = hex(ENERGY_ANSWER);
        frame[frame.length - 1] = 0x17;
        assertRefused(() -> Dlt645.decode(frame), Reason.NO_END);
    }

    @Test
    void anUnknownDataIdentifierIsNamedInTheRefusal() {
        // 04 00 01 01 (date and week) is valid DL/T 645 but not read here
        byte[] frame = layout("123456789012", 0x91, "34343337" + "33333333");

        assertThatThrownBy(() -> Dlt645.reading(Dlt645.decode(frame))).isInstanceOf(Dlt645Exception.class)
                .hasMessageContaining("04 00 01 01")
                .satisfies(e -> assertThat(((Dlt645Exception) e).reason()).isEqualTo(Reason.UNKNOWN_DATA_IDENTIFIER));
    }

    @Test
    void aMetersAbnormalAnswerIsARefusalByTheMeter() {
        byte[] frame = layout("123456789012", 0xD1, "35");         // error byte 02h: no data requested

        assertRefused(() -> Dlt645.reading(Dlt645.decode(frame)), Reason.REFUSED_BY_METER);
    }

    @Test
    void anAddressThatIsNotDecimalIsRefused() {
        byte[] frame = hex(ENERGY_ANSWER);
        frame[5] = (byte) 0x1A;
        frame[frame.length - 2] = (byte) (frame[frame.length - 2] + (0x1A - 0x12));

        assertRefused(() -> Dlt645.decode(frame), Reason.BAD_ADDRESS);
    }

    @Property
    void anyFrameSurvivesEncodeAndDecode(@ForAll("addresses") String address, @ForAll @IntRange(max = 255) int control,
                                         @ForAll byte[] data, @ForAll @IntRange(max = 4) int wakeUp) {
        byte[] payload = data.length > 255 ? java.util.Arrays.copyOf(data, 255) : data;
        Dlt645Frame frame = new Dlt645Frame(address, control, payload);

        assertThat(Dlt645.decode(Dlt645.encode(frame, wakeUp))).isEqualTo(frame);
    }

    @Property
    void anEncodedFrameIsTheStandardsLayout(@ForAll("addresses") String address, @ForAll byte[] data) {
        byte[] payload = data.length > 255 ? java.util.Arrays.copyOf(data, 255) : data;

        assertThat(Dlt645.encode(new Dlt645Frame(address, 0x91, payload), 0))
                .isEqualTo(layout(address, 0x91, HexFormat.of().formatHex(plus33(payload))));
    }

    @Property
    void anyEnergyValueSurvivesAnAnswerFrame(@ForAll("addresses") String address,
                                             @ForAll @IntRange(max = 99_999_999) int hundredths) {
        BigDecimal kWh = BigDecimal.valueOf(hundredths, 2);
        byte[] bytes = Dlt645.encode(Dlt645.answer(address, DataIdentifier.FORWARD_ACTIVE_ENERGY, kWh), 4);

        Dlt645.Reading reading = Dlt645.reading(Dlt645.decode(bytes));

        assertThat(reading.address()).isEqualTo(address);
        assertThat(reading.value()).isEqualByComparingTo(kWh);
    }

    @Provide
    Arbitrary<String> addresses() {
        return Arbitraries.strings().numeric().ofLength(12);
    }

    /** A frame laid out byte by byte as the standard draws it; {@code sentData}: the data bytes as sent (+33h). */
    private static byte[] layout(String address, int control, String sentData) {
        byte[] data = HexFormat.of().parseHex(sentData);
        byte[] frame = new byte[12 + data.length];
        frame[0] = 0x68;
        for (int i = 0; i < 6; i++) {
            frame[1 + i] = (byte) Integer.parseInt(address.substring(10 - 2 * i, 12 - 2 * i), 16);
        }
        frame[7] = 0x68;
        frame[8] = (byte) control;
        frame[9] = (byte) data.length;
        System.arraycopy(data, 0, frame, 10, data.length);
        int sum = 0;
        for (int i = 0; i < 10 + data.length; i++) {
            sum += frame[i] & 0xFF;
        }
        frame[10 + data.length] = (byte) sum;
        frame[11 + data.length] = 0x16;
        return frame;
    }

    private static byte[] plus33(byte[] data) {
        byte[] sent = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            sent[i] = (byte) (data[i] + 0x33);
        }
        return sent;
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static void assertRefused(Runnable decoding, Reason reason) {
        assertThatThrownBy(decoding::run).isInstanceOf(Dlt645Exception.class)
                .satisfies(e -> assertThat(((Dlt645Exception) e).reason()).isEqualTo(reason));
    }
}
