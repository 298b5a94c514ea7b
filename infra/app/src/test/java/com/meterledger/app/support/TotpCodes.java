package com.meterledger.app.support;

import com.meterledger.tenantadmin.people.Totp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** Second-factor codes the tests type where a person would type a wrong one. */
public final class TotpCodes {
    private TotpCodes() {
    }

    /** A six-digit code the key makes at none of the moments a check accepts now. */
    public static String wrong(String key) {
        Instant now = Instant.now();
        List<String> accepted = Stream.of(-60, -30, 0, 30, 60)
                .map(seconds -> Totp.code(key, now.plus(Duration.ofSeconds(seconds)))).toList();
        return Stream.of("000000", "111111", "222222", "333333", "444444", "555555")
                .filter(code -> !accepted.contains(code)).findFirst().orElseThrow();
    }
}
