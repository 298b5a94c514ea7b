package com.meterledger.tenantadmin.signup;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.tenant.TenantRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small rules of sign-up: slugs, passwords, the per-address limit and the form. */
class SignUpRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"harbour-homes", "abc", "pg-2026", "a1-b2-c3"})
    void aShortLowerCaseNameWithSingleHyphensIsASlug(String slug) {
        assertThat(TenantSlugs.judge(slug)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Harbour", "harbour--homes", "-harbour", "harbour-", "1harbour", "港湾", "a b c",
            "a.b.c", "this-slug-is-far-too-long-for-anyone-to-type"})
    void anythingElseIsMalformed(String slug) {
        assertThat(TenantSlugs.judge(slug)).hasValueSatisfying(
                refusal -> assertThat(refusal.rule()).isEqualTo(TenantRules.SLUG_MALFORMED));
    }

    @Test
    void thePlatformsOwnWordsAreReserved() {
        assertThat(TenantSlugs.judge("admin")).hasValueSatisfying(
                refusal -> assertThat(refusal.rule()).isEqualTo(TenantRules.SLUG_RESERVED));
        assertThat(TenantSlugs.judge("webhooks")).isPresent();
    }

    @Test
    void aPasswordIsLongEnoughNotOneCharacterRepeatedAndNotTheAddress() {
        assertThat(Passwords.require("correct horse battery", "a@example.com")).isEqualTo("correct horse battery");
        assertThatThrownBy(() -> Passwords.require("elevenchars", "a@example.com"))
                .isInstanceOfSatisfying(FieldRejected.class, e -> {
                    assertThat(e.field()).isEqualTo("password");
                    assertThat(e.rule()).isEqualTo(TenantRules.PASSWORD_WEAK);
                });
        assertThatThrownBy(() -> Passwords.require("aaaaaaaaaaaaaaaa", "a@example.com"))
                .hasMessageContaining("repeated");
        assertThatThrownBy(() -> Passwords.require("my A@Example.com pass", "a@example.com"))
                .hasMessageContaining("e-mail");
        assertThatThrownBy(() -> Passwords.require("twelve chars\u0000!", "a@example.com"))
                .isInstanceOfSatisfying(FieldRejected.class, e -> assertThat(e.rule()).isEqualTo("text-control-character"));
    }

    @Test
    void aPasswordOfTwelveChineseCharactersCountsTwelve() {
        assertThat(Passwords.require("我的密码很长而且很好记住", "a@example.com")).hasSize(12);
    }

    @Test
    void anAddressMaySignUpAFewTimesAnHourThenWaitsUntilTheOldestAttemptLeavesTheWindow() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        SignUpThrottle throttle = new SignUpThrottle(2, clock);
        assertThat(throttle.attempt("192.0.2.1")).isEmpty();
        now.set(now.get().plus(Duration.ofMinutes(10)));
        assertThat(throttle.attempt("192.0.2.1")).isEmpty();
        assertThat(throttle.attempt("192.0.2.1")).contains(Duration.ofMinutes(50));
        assertThat(throttle.attempt("198.51.100.7")).as("another address").isEmpty();
        now.set(now.get().plus(Duration.ofMinutes(50)));
        assertThat(throttle.attempt("192.0.2.1")).isEmpty();
    }

    @Test
    void theFormNamesTheFirstFieldItRefusesAndNormalisesCodes() {
        SignUpForm form = SignUpForm.of(new SignUpRequest(" 港湾物业 ", "harbour-homes", "cn", "cny",
                "Asia/Shanghai", "zh-CN", "王经理", "wang@example.cn"));
        assertThat(form.profile().country()).isEqualTo("CN");
        assertThat(form.profile().currency().getCurrencyCode()).isEqualTo("CNY");
        assertThat(form.profile().organisationName()).isEqualTo("港湾物业");
        assertThatThrownBy(() -> SignUpForm.of(new SignUpRequest("X", "harbour-homes", "CN", "XXX",
                "Asia/Shanghai", "en", "W", "w@example.cn")))
                .isInstanceOfSatisfying(FieldRejected.class, e -> assertThat(e.field()).isEqualTo("currency"));
        assertThatThrownBy(() -> SignUpForm.of(new SignUpRequest("X", "harbour-homes", "CN", "CNY",
                "Asia/Shanghai", "en", null, "w@example.cn")))
                .isInstanceOfSatisfying(FieldRejected.class, e -> assertThat(e.field()).isEqualTo("administratorName"));
    }
}
