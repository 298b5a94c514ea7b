package com.meterledger.ui.staff;

import com.meterledger.api.people.ActorName;
import com.meterledger.api.people.FindActorNames;
import com.meterledger.api.shared.TenantId;
import com.meterledger.ui.i18n.PageTexts;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Names, not ids, wherever a page shows who did something: the actor ids of a page's rows ({@code person:<uuid>}, a
 * machine client's id, a gateway's, a process of the platform) become what the reader recognises, in the reader's
 * language. People and machine clients are the tenant-admin module's, asked once per page with
 * {@link FindActorNames} (never by reading its tables); a person who left or was erased shows a neutral label, never
 * the id; a gateway (its door is {@code mqtt} or {@code http}) and the platform's own processes are labelled here.
 */
@Component
public class ActorLabels {
    /** The doors of a gateway's messages: the actor is the gateway's id. */
    private static final Set<String> GATEWAY_ORIGINS = Set.of("mqtt", "http");

    private final QueryGateway queries;
    private final PageTexts texts;

    public ActorLabels(QueryGateway queries, PageTexts texts) {
        this.queries = queries;
        this.texts = texts;
    }

    /** An actor as a row names it: its id and, where the row keeps it, the door it came through. */
    public record Seen(String actorId, String origin) {
    }

    /** The labels of the actors that did not come through a known door (an approval queue keeps no door). */
    public Map<String, String> of(TenantId tenant, Collection<String> actorIds) {
        return labels(tenant, actorIds.stream().filter(Objects::nonNull).map(id -> new Seen(id, null)).toList());
    }

    /** Actor id to label, for every actor seen; a row with no actor has none. */
    public Map<String, String> labels(TenantId tenant, Collection<Seen> seen) {
        Set<String> ids = new LinkedHashSet<>();
        Set<String> gateways = new LinkedHashSet<>();
        for (Seen actor : seen) {
            if (actor.actorId() == null || actor.actorId().isBlank()) {
                continue;
            }
            ids.add(actor.actorId());
            if (actor.origin() != null && GATEWAY_ORIGINS.contains(actor.origin())) {
                gateways.add(actor.actorId());
            }
        }
        Map<String, String> labels = new HashMap<>();
        if (ids.isEmpty()) {
            return labels;
        }
        List<ActorName> names = queries.query(new FindActorNames(tenant, List.copyOf(ids)),
                ResponseTypes.multipleInstancesOf(ActorName.class)).join();
        for (ActorName name : names) {
            labels.put(name.actorId(), label(name, gateways.contains(name.actorId())));
        }
        return labels;
    }

    private String label(ActorName actor, boolean gateway) {
        return switch (actor.kind()) {
            case PERSON -> actor.name();
            case FORMER_PERSON -> texts.text("actor.former-person");
            case MACHINE_CLIENT -> texts.text("actor.machine-client", actor.name());
            case OTHER -> gateway ? texts.text("actor.gateway", actor.actorId())
                    : texts.textOr(actor.actorId(), "actor.system." + actor.actorId());
        };
    }
}
