package com.meterledger.tenantadmin.people;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6238's own test vectors (SHA-1, the 20-byte ASCII key "12345678901234567890"), and the window of one step. */
class TotpTest {
    private static final String SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void givenTheRfcKeyWhenAskedAtTheRfcTimesThenTheCodesAreTheRfcsLastSixDigits() {
        assertThat(Totp.code(SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.code(SECRET, Instant.ofEpochSecond(1111111111))).isEqualTo("050471");
        assertThat(Totp.code(SECRET, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
        assertThat(Totp.code(SECRET, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
        assertThat(Totp.code(SECRET, Instant.ofEpochSecond(20000000000L))).isEqualTo("353130");
    }

    @Test
    void givenACodeWhenCheckedOneStepEarlyOrLateThenItPassesButTwoStepsAwayItFails() {
        Instant now = Instant.ofEpochSecond(1234567890);
        String code = Totp.code(SECRET, now);
        assertThat(Totp.verify(SECRET, code, now)).isTrue();
        assertThat(Totp.verify(SECRET, code, now.plusSeconds(30))).isTrue();
        assertThat(Totp.verify(SECRET, code, now.minusSeconds(30))).isTrue();
        assertThat(Totp.verify(SECRET, code, now.plusSeconds(90))).isFalse();
        assertThat(Totp.verify(SECRET, "12345", now)).isFalse();
        assertThat(Totp.verify(SECRET, null, now)).isFalse();
    }

    @Test
    void givenANewSecretWhenWrittenAsAUriThenAnAppCanReadIt() {
        String secret = Totp.newSecret();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(Totp.base32(Totp.unbase32(secret))).isEqualTo(secret);
        assertThat(Totp.uri("MeterLedger", "li@example.cn", secret)).isEqualTo("otpauth://totp/MeterLedger:li%40"
                + "example.cn?secret=" + secret + "&issuer=MeterLedger&algorithm=SHA1&digits=6&period=30");
    }
}
