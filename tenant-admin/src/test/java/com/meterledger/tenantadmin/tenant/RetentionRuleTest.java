package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.tenant.TenantStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionRuleTest {
    private static final Instant RETAIN_UNTIL = Instant.parse("2036-12-07T02:00:00Z");

    @Test
    void aClosedTenantIsPurgedOnceItsRetentionHasEnded() {
        // given a closed tenant, never purged; when the rule is asked at and after the end of its retention
        // then it is purged both times
        assertThat(RetentionRule.judge(TenantStatus.CLOSED, RETAIN_UNTIL, null, RETAIN_UNTIL))
                .isInstanceOf(RetentionRule.Purge.class);
        assertThat(RetentionRule.judge(TenantStatus.CLOSED, RETAIN_UNTIL, null, RETAIN_UNTIL.plusSeconds(86_400)))
                .isInstanceOf(RetentionRule.Purge.class);
    }

    @Test
    void aClosedTenantIsKeptUntilItsRetentionEnds() {
        // given a closed tenant; when asked a second before the end; then it is kept, saying until when
        RetentionRule.Verdict verdict = RetentionRule.judge(TenantStatus.CLOSED, RETAIN_UNTIL, null,
                RETAIN_UNTIL.minusSeconds(1));

        assertThat(verdict).isEqualTo(new RetentionRule.Keep("kept until " + RETAIN_UNTIL));
    }

    @Test
    void aTenantPurgedAlreadyOrClosedWithoutARetentionEndIsKept() {
        // given a purged tenant and one without retain_until; when asked long after; then both are kept
        assertThat(RetentionRule.judge(TenantStatus.CLOSED, RETAIN_UNTIL, RETAIN_UNTIL, RETAIN_UNTIL.plusSeconds(5)))
                .isInstanceOf(RetentionRule.Keep.class);
        assertThat(RetentionRule.judge(TenantStatus.CLOSED, null, null, RETAIN_UNTIL))
                .isInstanceOf(RetentionRule.Keep.class);
    }

    @ParameterizedTest
    @EnumSource(value = TenantStatus.class, names = "CLOSED", mode = EnumSource.Mode.EXCLUDE)
    void aTenantThatIsNotClosedIsNeverPurged(TenantStatus status) {
        // given a tenant in any other state; when asked after a retention end; then it is kept, naming its state
        RetentionRule.Verdict verdict = RetentionRule.judge(status, RETAIN_UNTIL, null, RETAIN_UNTIL.plusSeconds(1));

        assertThat(verdict).isEqualTo(new RetentionRule.Keep("the tenant is " + status + ", not closed"));
    }
}
