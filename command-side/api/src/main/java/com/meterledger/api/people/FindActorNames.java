package com.meterledger.api.people;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.TenantScoped;

import java.util.List;

/**
 * Who the actor ids of the tenant's history are, for pages and answers that show them: answered by the module that
 * owns people and machine clients with one {@link ActorName} per id asked, in the order asked. Events name a person
 * by an opaque id only ({@code person:<uuid>}), so their name is looked up at reading time and an erased person's
 * name is gone from every page at once, without rewriting history.
 */
public record FindActorNames(TenantId tenantId, List<String> actorIds) implements TenantScoped {
    /** One question per page: a page of 200 rows names at most a few dozen distinct actors. */
    public static final int MAX_IDS = 500;

    public FindActorNames {
        actorIds = List.copyOf(actorIds);
        if (actorIds.size() > MAX_IDS) {
            throw new IllegalArgumentException("at most " + MAX_IDS + " actor ids per question");
        }
    }

    @Override
    public TenantId tenant() {
        return tenantId;
    }
}
