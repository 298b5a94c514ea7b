package com.meterledger.core.supply;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.supply.FindSupplyToReconcile;
import com.meterledger.api.supply.ReconcileSupply;
import com.meterledger.api.supply.SupplyToReconcile;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciler's passes: every page of candidates, a meter asked on its second sighting, a failure not fatal, a
 * meter backing off not named before its wait is over.
 */
class SupplyReconcilerTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final List<SupplyToReconcile> candidates = new ArrayList<>();
    /** the read model's back-offs: a candidate is left out of the answer until this moment */
    private final Map<SupplyToReconcile, Instant> backingOffUntil = new HashMap<>();
    private final List<Instant> askedAt = new ArrayList<>();
    private Instant now = START;
    private final List<CommandMessage<?>> asked = new CopyOnWriteArrayList<>();
    private final Set<String> failing = new java.util.HashSet<>();
    private SupplyReconciler reconciler;

    @BeforeEach
    void setUp() {
        SimpleQueryBus queries = SimpleQueryBus.builder().build();
        queries.subscribe(FindSupplyToReconcile.class.getName(), ResponseTypes.multipleInstancesOf(
                SupplyToReconcile.class).getExpectedResponseType(), query -> page((FindSupplyToReconcile) query.getPayload()));
        SimpleCommandBus commands = SimpleCommandBus.builder().build();
        commands.subscribe(ReconcileSupply.class.getName(), command -> {
            asked.add(command);
            if (failing.contains(((ReconcileSupply) command.getPayload()).meterId().value())) {
                throw new IllegalStateException("a concurrent change of the meter");
            }
            return null;
        });
        reconciler = new SupplyReconciler(DefaultQueryGateway.builder().queryBus(queries).build(),
                DefaultCommandGateway.builder().commandBus(commands).build(), 2, new Clock() {
                    @Override
                    public ZoneId getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(ZoneId zone) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public Instant instant() {
                        return now;
                    }
                });
    }

    private List<SupplyToReconcile> page(FindSupplyToReconcile query) {
        askedAt.add(query.at());
        List<SupplyToReconcile> named = candidates.stream().filter(candidate -> !backingOffUntil
                .getOrDefault(candidate, Instant.MIN).isAfter(query.at())).toList();
        int from = query.after() == null ? 0 : named.indexOf(query.after()) + 1;
        return List.copyOf(named.subList(from, Math.min(named.size(), from + query.limit())));
    }

    private static SupplyToReconcile meter(String tenant, String meter) {
        return new SupplyToReconcile(new TenantId(tenant), new MeterId(meter));
    }

    @Test
    void aMeterIsAskedOnlyWhenTwoPassesInARowFoundItAndEveryPageIsRead() {
        candidates.addAll(List.of(meter("t-1", "m-1"), meter("t-1", "m-2"), meter("t-2", "m-1")));
        assertThat(reconciler.reconcile()).isZero();                 // first sighting: the events may be on their way

        candidates.remove(1);                                        // m-2 of t-1 was put right in between
        assertThat(reconciler.reconcile()).isEqualTo(2);
        assertThat(asked).extracting(command -> ((ReconcileSupply) command.getPayload()).meterId().value() + "@"
                + command.getMetaData().get(MetadataKeys.TENANT)).containsExactly("m-1@t-1", "m-1@t-2");
        assertThat(asked).allSatisfy(command -> assertThat(command.getMetaData().get(MetadataKeys.ACTOR))
                .isEqualTo(SupplyReconciler.ACTOR));
    }

    @Test
    void aMeterThatFailsIsAskedAgainNextPassAndDoesNotStopTheOthers() {
        candidates.addAll(List.of(meter("t-1", "m-1"), meter("t-1", "m-2")));
        failing.add("m-1");
        reconciler.reconcile();
        assertThat(reconciler.reconcile()).isEqualTo(1);
        failing.clear();
        assertThat(reconciler.reconcile()).isEqualTo(2);
        assertThat(asked).hasSize(4);
    }

    @Test
    void aMeterBackingOffIsNotAskedDuringItsWaitAndIsAskedOnItsSecondSightingAfterIt() {
        SupplyToReconcile unreachable = meter("t-1", "m-1");
        candidates.addAll(List.of(unreachable, meter("t-1", "m-2")));
        backingOffUntil.put(unreachable, START.plusSeconds(120));

        for (int pass = 0; pass < 4; pass++) {                       // passes a minute apart, all within the wait
            reconciler.reconcile();
            now = now.plusSeconds(30);
        }
        assertThat(askedAt).as("each pass asks the read model as of its own moment").contains(START,
                START.plusSeconds(90));
        assertThat(asked).extracting(command -> ((ReconcileSupply) command.getPayload()).meterId().value())
                .containsOnly("m-2");

        asked.clear();
        assertThat(reconciler.reconcile()).isEqualTo(1);              // the wait is over: first sighting of m-1
        assertThat(reconciler.reconcile()).isEqualTo(2);
        assertThat(asked).extracting(command -> ((ReconcileSupply) command.getPayload()).meterId().value())
                .containsExactly("m-2", "m-1", "m-2");
    }
}
