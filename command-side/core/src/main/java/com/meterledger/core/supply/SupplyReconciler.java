package com.meterledger.core.supply;

import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.supply.FindSupplyToReconcile;
import com.meterledger.api.supply.ReconcileSupply;
import com.meterledger.api.supply.SupplyToReconcile;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Supply converges even when nothing happens to an account any more (issue 19): a pass asks the read model which
 * meters may have a relay away from what their account intends (in doubt after a lost acknowledgement, off while the
 * account is not depleted, on while it is depleted) and sends each a {@link ReconcileSupply}; the meter decides on its
 * own state and its account's standing, and re-issues a CUT or RESTORE only when no command is already heading there.
 * <p>
 * Every node runs passes; two nodes asking about one meter issue at most one command, because the second request
 * finds the first one's command pending (or loses on the meter's event sequence and is asked again next pass). A meter
 * is asked only when two consecutive passes of this node found it, so the event-driven path (a top-up's restore, a
 * depletion's cut) has at least one interval to act before the reconciler does, and a read model a moment behind the
 * events does not cause a command. The read model is only a hint: a meter it misses is asked once it shows up.
 * <p>
 * A meter backing off after abandoned commands is not named while its wait lasts (the read model keeps the wait from
 * the meter's events), so a pass costs nothing for it; once the wait is over it is named again and asked on its second
 * sighting. Whether it may be sent the command stays the meter's judgement ({@link SupplyBackOff}).
 */
public class SupplyReconciler {
    public static final String ACTOR = "supply-reconciler";
    static final String ORIGIN = "reconciler";
    private static final Logger log = LoggerFactory.getLogger(SupplyReconciler.class);

    private final QueryGateway queries;
    private final CommandGateway commands;
    private final int pageSize;
    private final Clock clock;
    private Set<SupplyToReconcile> seenLastPass = Set.of();

    /** @param clock the moment of a pass, which a back-off's end is compared with: the meters' own clock */
    public SupplyReconciler(QueryGateway queries, CommandGateway commands, int pageSize, Clock clock) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("a page holds at least one meter");
        }
        this.queries = queries;
        this.commands = commands;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /**
     * One pass over every candidate, a page at a time.
     *
     * @return how many meters were asked to reconcile
     */
    public synchronized int reconcile() {
        Set<SupplyToReconcile> seen = new HashSet<>();
        Instant at = clock.instant();
        int asked = 0;
        SupplyToReconcile after = null;
        List<SupplyToReconcile> page;
        do {
            page = queries.query(new FindSupplyToReconcile(after, pageSize, at),
                    ResponseTypes.multipleInstancesOf(SupplyToReconcile.class)).join();
            for (SupplyToReconcile candidate : page) {
                seen.add(candidate);
                if (seenLastPass.contains(candidate) && ask(candidate)) {
                    asked++;
                }
            }
            after = page.isEmpty() ? null : page.getLast();
        } while (page.size() == pageSize);
        seenLastPass = seen;
        return asked;
    }

    private boolean ask(SupplyToReconcile candidate) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new ReconcileSupply(candidate.meterId()))
                    .andMetaData(Map.of(MetadataKeys.TENANT, candidate.tenantId().value(), MetadataKeys.ACTOR, ACTOR,
                            MetadataKeys.ORIGIN, ORIGIN)));
            return true;
        } catch (RuntimeException e) {
            // a concurrent change of the meter or its account, or the database away: the next pass asks again
            log.info("reconciling supply of meter {} of tenant {} failed, next pass asks again: {}",
                    candidate.meterId(), candidate.tenantId(), e.toString());
            return false;
        }
    }
}
