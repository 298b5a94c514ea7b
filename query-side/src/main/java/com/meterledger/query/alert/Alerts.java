package com.meterledger.query.alert;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.people.ActorName;
import com.meterledger.api.people.FindActorNames;
import com.meterledger.api.shared.Actor;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.Caller;
import com.meterledger.edge.security.Roles;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The inbox as staff use it, for the API and the web UI alike: a page of alerts, one alert, acknowledging one with a
 * note. A property manager sees and acknowledges the alerts of their properties only; any other alert, like another
 * tenant's or an unknown one, is "not found".
 * <p>
 * An acknowledgement is an audited row, not an event: who (the caller's id and door), when and the note are written
 * on the alert itself, which is never deleted. An alert is not part of the domain's history (nothing replays it and
 * no balance or supply depends on it); it is the operational state of a watcher that runs on every node, so it has no
 * aggregate whose event could carry the acknowledgement, and one made only for that would hold nothing else.
 */
@Service
public class Alerts {
    public static final String NOTE_REQUIRED = "alert-note-required";
    public static final String ALREADY_ACKNOWLEDGED = "alert-already-acknowledged";
    public static final String RESOLVED = "alert-resolved";

    private final AlertStore store;
    private final QueryGateway queries;
    private final Clock clock;

    public Alerts(AlertStore store, QueryGateway queries) {
        this.store = store;
        this.queries = queries;
        this.clock = Clock.systemUTC();
    }

    public AlertPage list(TenantId tenant, AlertFilter filter) {
        AlertPage page = store.list(tenant, filter, scope());
        return new AlertPage(named(tenant, page.alerts()), page.page(), page.size(), page.total());
    }

    public Alert find(TenantId tenant, String alertId) {
        FreeText.require("alertId", alertId, 200);
        return named(tenant, List.of(store.find(tenant, alertId, scope())
                .orElseThrow(() -> new NotFound("alert", alertId)))).getFirst();
    }

    /** Who acknowledged, asked of the module that owns people once per page (never read from its tables). */
    private List<Alert> named(TenantId tenant, List<Alert> alerts) {
        List<String> actors = alerts.stream().map(Alert::acknowledgedBy).filter(Objects::nonNull).distinct().toList();
        if (actors.isEmpty()) {
            return alerts;
        }
        Map<String, ActorName> names = new HashMap<>();
        queries.query(new FindActorNames(tenant, actors), ResponseTypes.multipleInstancesOf(ActorName.class)).join()
                .forEach(name -> names.put(name.actorId(), name));
        return alerts.stream().map(alert -> alert.acknowledgedBy() == null ? alert
                : alert.withAcknowledgedByActor(names.get(alert.acknowledgedBy()))).toList();
    }

    /** Open to acknowledged, with the caller as the actor; a blank or malformed note is refused and nothing stored. */
    public Alert acknowledge(TenantId tenant, String alertId, String note, String origin) {
        FreeText.require("note", note, FreeText.TEXT);
        if (note == null || note.isBlank()) {
            throw new FieldRejected("note", NOTE_REQUIRED, "say what you did or why it can wait");
        }
        Alert alert = find(tenant, alertId);
        switch (alert.state()) {
            case ACKNOWLEDGED -> throw new RuleViolation(ALREADY_ACKNOWLEDGED, "alert " + alertId
                    + " was acknowledged already by " + alert.acknowledgedBy());
            case RESOLVED -> throw new RuleViolation(RESOLVED, "alert " + alertId
                    + " was resolved: its condition cleared");
            case OPEN -> {
            }
        }
        String actor = Caller.actor().map(Actor::id).orElseThrow(() -> new IllegalStateException("no caller"));
        if (!store.acknowledge(tenant, alertId, note.strip(), actor, origin, clock.instant())) {
            // resolved or acknowledged by someone else a moment ago: answer as that state
            return acknowledgeRaced(tenant, alertId);
        }
        return find(tenant, alertId);
    }

    private Alert acknowledgeRaced(TenantId tenant, String alertId) {
        Alert now = find(tenant, alertId);
        throw new RuleViolation(now.state() == AlertState.RESOLVED ? RESOLVED : ALREADY_ACKNOWLEDGED,
                "alert " + alertId + " changed while it was being acknowledged: it is " + now.state());
    }

    /** A property manager's properties; the other roles see the whole tenant. */
    private static Optional<List<String>> scope() {
        return Caller.hasRole(Roles.PROPERTY_MANAGER) && !Caller.hasRole(Roles.TENANT_ADMIN)
                ? Optional.of(Caller.properties()) : Optional.empty();
    }
}
