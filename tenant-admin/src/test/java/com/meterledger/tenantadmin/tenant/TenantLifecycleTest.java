package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.tenant.TenantRules;
import com.meterledger.api.tenant.TenantStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Set;

import static com.meterledger.api.tenant.TenantStatus.ACTIVE;
import static com.meterledger.api.tenant.TenantStatus.CANCELLED;
import static com.meterledger.api.tenant.TenantStatus.CLOSED;
import static com.meterledger.api.tenant.TenantStatus.PAST_DUE;
import static com.meterledger.api.tenant.TenantStatus.SIGNED_UP;
import static com.meterledger.api.tenant.TenantStatus.SUSPENDED;
import static com.meterledger.api.tenant.TenantStatus.TRIALING;
import static com.meterledger.api.tenant.TenantStatus.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;

class TenantLifecycleTest {

    @Test
    void theHappyPathRunsFromSignUpThroughTrialToActive() {
        assertThat(TenantLifecycle.judge(SIGNED_UP, VERIFIED, "e-mail verified"))
                .isEqualTo(new TenantLifecycle.Step(SIGNED_UP, VERIFIED));
        assertThat(TenantLifecycle.judge(VERIFIED, TRIALING, "trial started"))
                .isEqualTo(new TenantLifecycle.Step(VERIFIED, TRIALING));
        assertThat(TenantLifecycle.judge(TRIALING, ACTIVE, "invoice paid"))
                .isEqualTo(new TenantLifecycle.Step(TRIALING, ACTIVE));
    }

    @Test
    void aFailedInvoiceLeadsThroughPastDueToSuspendedAndPayingBringsItBack() {
        assertThat(TenantLifecycle.judge(ACTIVE, PAST_DUE, "invoice failed")).isInstanceOf(TenantLifecycle.Step.class);
        assertThat(TenantLifecycle.judge(PAST_DUE, SUSPENDED, "grace over")).isInstanceOf(TenantLifecycle.Step.class);
        assertThat(TenantLifecycle.judge(SUSPENDED, ACTIVE, "invoice paid")).isInstanceOf(TenantLifecycle.Step.class);
    }

    @Test
    void anUnverifiedTenantCannotSkipVerification() {
        assertThat(TenantLifecycle.judge(SIGNED_UP, ACTIVE, "paid")).isInstanceOfSatisfying(
                TenantLifecycle.Refused.class, refused -> {
                    assertThat(refused.rule()).isEqualTo(TenantRules.TRANSITION_NOT_ALLOWED);
                    assertThat(refused.reason()).contains("SIGNED_UP", "ACTIVE");
                });
    }

    @ParameterizedTest
    @EnumSource(TenantStatus.class)
    void aClosedTenantGoesNowhere(TenantStatus to) {
        assertThat(TenantLifecycle.judge(CLOSED, to, "why not")).isInstanceOf(
                to == CLOSED ? TenantLifecycle.AlreadyThere.class : TenantLifecycle.Refused.class);
    }

    @ParameterizedTest
    @EnumSource(TenantStatus.class)
    void repeatingTheCurrentStatusChangesNothingEvenWithoutAReason(TenantStatus status) {
        assertThat(TenantLifecycle.judge(status, status, null)).isEqualTo(new TenantLifecycle.AlreadyThere(status));
    }

    @Test
    void aStepNeedsAReason() {
        assertThat(TenantLifecycle.judge(ACTIVE, SUSPENDED, " ")).isEqualTo(new TenantLifecycle.Refused(
                TenantRules.REASON_REQUIRED, "a change of a tenant's status needs a reason"));
    }

    @Test
    void everyStatusCanBeReachedFromSignUpAndEveryLiveStatusCanEndInClosed() {
        assertThat(reachableFrom(SIGNED_UP)).containsExactlyInAnyOrder(TenantStatus.values());
        for (TenantStatus status : TenantStatus.values()) {
            assertThat(reachableFrom(status)).as("from " + status).contains(CLOSED);
        }
    }

    @Test
    void staffWritesStopWhenSuspendedAndSignInStopsOnlyBeforeVerificationAndAfterClosing() {
        assertThat(EnumSet.allOf(TenantStatus.class).stream().filter(TenantStatus::staffMayWrite))
                .containsExactlyInAnyOrder(VERIFIED, TRIALING, ACTIVE, PAST_DUE);
        assertThat(EnumSet.allOf(TenantStatus.class).stream().filter(s -> !s.staffMaySignIn()))
                .containsExactlyInAnyOrder(SIGNED_UP, CLOSED);
        assertThat(CANCELLED.staffMaySignIn()).isTrue();
    }

    private static Set<TenantStatus> reachableFrom(TenantStatus start) {
        Set<TenantStatus> seen = EnumSet.of(start);
        ArrayDeque<TenantStatus> todo = new ArrayDeque<>(Set.of(start));
        while (!todo.isEmpty()) {
            for (TenantStatus next : TenantLifecycle.next(todo.poll())) {
                if (seen.add(next)) {
                    todo.add(next);
                }
            }
        }
        return seen;
    }
}
