package com.meterledger.tenantadmin.people;

import com.meterledger.api.shared.Actor;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.people.StaffMemberId;
import com.meterledger.edge.security.Caller;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static com.meterledger.tenantadmin.signup.MailedLinks.withoutCaller;

/**
 * Records a fact about a person (a second factor enrolled or removed, a lockout) in every tenant they work for: one
 * command per membership, naming that membership's tenant and the actor. The memberships come from the person's own
 * rows ({@code staff_members_of}), never from a request, and each membership's aggregate still refuses a command for
 * another tenant. The commands leave outside the caller's request, whose tenant is one of them at most: sent inside it,
 * the edge refused the others (a person of two tenants removing their own key got 403 and nothing changed).
 */
@Component
class EveryMembership {
    private final JdbcClient jdbc;
    private final CommandGateway commands;

    EveryMembership(JdbcClient jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    /**
     * @param actor who did it, as events name actors ({@code person:<id>}, {@code sign-in}, ...)
     * @param command the membership's command
     */
    void record(UUID person, String actor, Function<StaffMemberId, Object> command) {
        String origin = Caller.actor().map(Actor::origin).orElse("rest");
        List<String[]> members = jdbc.sql("select tenant_id, member_id from staff_members_of(?)").param(person)
                .query((rs, row) -> new String[]{rs.getString(1), rs.getString(2)}).list();
        withoutCaller(() -> {
            members.forEach(member -> commands.sendAndWait(command.apply(new StaffMemberId(member[1])),
                    MetaData.with(MetadataKeys.TENANT, member[0]).and(MetadataKeys.ACTOR, actor)
                            .and(MetadataKeys.ORIGIN, origin)));
            return null;
        });
    }
}
