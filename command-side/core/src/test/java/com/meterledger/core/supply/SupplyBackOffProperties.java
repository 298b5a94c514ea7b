package com.meterledger.core.supply;

import com.meterledger.api.supply.SupplyAction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over any sequence of reconcile passes, gateway returns and changes of what the account intends, for a meter that
 * never answers (every command it is sent is abandoned before the next pass): while nothing changes, the commands it
 * is sent grow with the logarithm of the passes, plus one per cap; and the pass after a return or a change of intent
 * sends the command at once.
 */
class SupplyBackOffProperties {
    private static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final Instant START = Instant.parse("2026-01-05T12:00:00Z");

    enum Step {
        PASS, GATEWAY_RETURNS, INTENT_CHANGES
    }

    @Property(tries = 500)
    void anUnreachableMeterIsCommandedLogarithmicallyOftenAndAtOnceAfterAReturnOrAnIntentChange(
            @ForAll("steps") List<Step> steps, @ForAll @IntRange(min = 1, max = 12) int capDoublings,
            @ForAll @IntRange(min = 0, max = 59) int secondsToAbandon) {
        long ratio = 1L << capDoublings;
        SupplyTiming timing = new SupplyTiming(Duration.ofSeconds(10), 2, INTERVAL, INTERVAL.multipliedBy(ratio));
        SupplyAction intended = SupplyAction.CUT;
        SupplyAction intendedAtLastPass = null;
        SupplyBackOff backOff = null;
        Instant now = START;
        boolean returned = false;
        int passesSinceChange = 0;
        int commandsSinceChange = 0;
        for (Step step : steps) {
            switch (step) {
                case GATEWAY_RETURNS -> {
                    backOff = null;      // what SupplyBackOffEnded, a reading or a confirmation leave
                    returned = true;
                }
                case INTENT_CHANGES -> intended = intended == SupplyAction.CUT ? SupplyAction.RESTORE : SupplyAction.CUT;
                case PASS -> {
                    // changed back before any pass saw it is no change: the pass judges the intent as it is now
                    boolean changed = returned || intended != intendedAtLastPass;
                    if (changed) {
                        passesSinceChange = 0;
                        commandsSinceChange = 0;
                    }
                    SupplyBackOff.Verdict verdict = SupplyBackOff.judge(backOff, intended, now);
                    if (changed) {
                        assertThat(verdict.issues()).as("the first pass after a return or a change").isTrue();
                    }
                    returned = false;
                    intendedAtLastPass = intended;
                    passesSinceChange++;
                    if (verdict.issues()) {
                        commandsSinceChange++;
                        backOff = SupplyBackOff.afterAbandoned(backOff, intended, now.plusSeconds(secondsToAbandon),
                                timing);
                    }
                    int bound = log2(passesSinceChange) + 1 + (int) ((passesSinceChange - 1) / ratio);
                    assertThat(commandsSinceChange).as("commands in %d passes, cap %d intervals", passesSinceChange,
                            ratio).isLessThanOrEqualTo(bound);
                    now = now.plus(INTERVAL);
                }
            }
        }
    }

    @Property(tries = 200)
    void belowTheCapTheCommandsOfAnUnreachableMeterAreBoundedByTheLogarithmOfTheWindow(
            @ForAll @IntRange(min = 1, max = 2_000) int passes) {
        SupplyTiming timing = new SupplyTiming(Duration.ofSeconds(10), 2, INTERVAL, INTERVAL.multipliedBy(4096));
        SupplyBackOff backOff = null;
        int commands = 0;
        for (int pass = 0; pass < passes; pass++) {
            Instant now = START.plus(INTERVAL.multipliedBy(pass));
            if (SupplyBackOff.judge(backOff, SupplyAction.RESTORE, now).issues()) {
                commands++;
                backOff = SupplyBackOff.afterAbandoned(backOff, SupplyAction.RESTORE, now, timing);
            }
        }
        assertThat(commands).isLessThanOrEqualTo(log2(passes) + 1);
    }

    private static int log2(int n) {
        return 31 - Integer.numberOfLeadingZeros(n);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Arbitraries.frequencyOf(
                        Tuple.of(40, Arbitraries.just(Step.PASS)),
                        Tuple.of(1, Arbitraries.just(Step.GATEWAY_RETURNS)),
                        Tuple.of(1, Arbitraries.just(Step.INTENT_CHANGES)))
                .list().ofMinSize(1).ofMaxSize(3_000);
    }
}
