package com.meterledger.tenantadmin.people;

import com.meterledger.api.people.ActorName;
import com.meterledger.api.people.FindActorNames;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Answers {@link FindActorNames} from the tenant's own people and machine clients: two indexed queries for a whole
 * page of actors, however many rows name them. A person is named only while their membership of the asking tenant
 * is not deactivated; a person of another tenant, a deactivated member and an erased person (the row is gone) are
 * all a {@link ActorName.Kind#FORMER_PERSON} with no name, so nothing of one tenant's people reaches another's pages.
 */
@Component
public class ActorNames {
    private final JdbcClient jdbc;

    public ActorNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In a transaction of its own, bound to the asked tenant (pages ask from a read-only request). */
    @QueryHandler
    @Transactional(readOnly = true, propagation = Propagation.REQUIRES_NEW)
    public List<ActorName> names(FindActorNames query) {
        String tenant = query.tenantId().value();
        Set<UUID> people = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (String actor : query.actorIds()) {
            SignInSteps.personOf(actor).ifPresentOrElse(people::add, () -> others.add(actor));
        }
        Map<UUID, String> named = new HashMap<>();
        if (!people.isEmpty()) {
            jdbc.sql("""
                            select p.person_id, p.name from staff_membership m join staff_person p using (person_id)
                            where m.tenant_id = ? and m.state <> 'DEACTIVATED'
                              and m.person_id = any (cast(? as uuid[]))""")
                    .params(tenant, people.stream().map(UUID::toString).toArray(String[]::new))
                    .query(rs -> {
                        named.put(rs.getObject(1, UUID.class), rs.getString(2));
                    });
        }
        Map<String, String> clients = new HashMap<>();
        if (!others.isEmpty()) {
            jdbc.sql("""
                            select client_id, name from machine_client
                            where tenant_id = ? and client_id = any (cast(? as varchar[]))""")
                    .params(tenant, others.toArray(String[]::new))
                    .query(rs -> {
                        clients.put(rs.getString(1), rs.getString(2));
                    });
        }
        List<ActorName> answer = new ArrayList<>(query.actorIds().size());
        for (String actor : query.actorIds()) {
            Optional<UUID> person = SignInSteps.personOf(actor);
            if (person.isPresent()) {
                String name = named.get(person.get());
                answer.add(name == null ? new ActorName(actor, ActorName.Kind.FORMER_PERSON, null)
                        : new ActorName(actor, ActorName.Kind.PERSON, name));
            } else if (clients.containsKey(actor)) {
                answer.add(new ActorName(actor, ActorName.Kind.MACHINE_CLIENT, clients.get(actor)));
            } else {
                answer.add(ActorName.other(actor));
            }
        }
        return answer;
    }
}
