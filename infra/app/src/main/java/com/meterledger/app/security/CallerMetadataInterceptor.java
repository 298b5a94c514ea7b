package com.meterledger.app.security;

import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeTenantStatus;
import com.meterledger.api.tenant.ResumeTenantByOperator;
import com.meterledger.api.tenant.SuspendTenantByOperator;
import com.meterledger.edge.security.Caller;
import com.meterledger.edge.security.Roles;
import com.meterledger.edge.security.SecurityEvents;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The edge: a command dispatched while serving an authenticated request gets the caller's tenant and actor in its
 * metadata, taken from the verified token. Controllers never set them, so a request body cannot choose a tenant.
 * Every command must name its actor (user or client id) and origin: one that reaches the bus without them, or with a
 * tenant other than the authenticated caller's, is refused. The one exception is the platform's operator, who has no
 * tenant: a step of a tenant's life cycle ({@link ChangeTenantStatus}) and its own suspension of a tenant
 * ({@link SuspendTenantByOperator}, {@link ResumeTenantByOperator}) speak for the tenant they name, and the
 * operators' changes of the platform's operators (package {@code api.platform}) carry the actor alone. Facts about a
 * person recorded in each tenant they work for (a second factor removed, a lockout) are sent by tenant-admin outside
 * the caller's request, each naming its membership's tenant from the person's own rows ({@code EveryMembership}).
 */
@Component
public class CallerMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {
    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            CommandMessage<?> stamped = stamp(command);
            if (!(stamped.getMetaData().get(MetadataKeys.ACTOR) instanceof String actor) || actor.isBlank()
                    || !(stamped.getMetaData().get(MetadataKeys.ORIGIN) instanceof String origin) || origin.isBlank()) {
                throw new IllegalStateException("command " + command.getCommandName()
                        + " has no actor: every command must enter through an authenticated edge or name its actor");
            }
            return stamped;
        };
    }

    /** The platform's operators' own commands ({@code InvitePlatformPerson}, ...): they name no tenant. */
    private static final String PLATFORM_PEOPLE = "com.meterledger.api.platform";

    private static CommandMessage<?> stamp(CommandMessage<?> command) {
        if (Caller.current().isEmpty()) {
            return command;
        }
        TenantId named = switch (command.getPayload()) {
            case ChangeTenantStatus step -> step.tenantId();
            case SuspendTenantByOperator suspension -> suspension.tenantId();
            case ResumeTenantByOperator resumption -> resumption.tenantId();
            default -> null;
        };
        if (named != null && Caller.hasRole(Roles.PLATFORM_ADMIN)) {
            // the operator has no tenant: it speaks for the tenant whose life cycle it steps, and only that
            Map<String, Object> metadata = new HashMap<>();
            metadata.put(MetadataKeys.TENANT, named.value());
            Caller.actor().ifPresent(actor -> {
                metadata.put(MetadataKeys.ACTOR, actor.id());
                metadata.put(MetadataKeys.ORIGIN, actor.origin());
            });
            return command.andMetaData(metadata);
        }
        if (command.getPayload().getClass().getPackageName().equals(PLATFORM_PEOPLE)
                && Caller.hasRole(Roles.PLATFORM_ADMIN)) {
            // an operator changing the platform's operators acts for no tenant: the actor alone
            Map<String, Object> metadata = new HashMap<>();
            Caller.actor().ifPresent(actor -> {
                metadata.put(MetadataKeys.ACTOR, actor.id());
                metadata.put(MetadataKeys.ORIGIN, actor.origin());
            });
            return command.andMetaData(metadata);
        }
        TenantId tenant = Caller.tenant();
        Object existing = command.getMetaData().get(MetadataKeys.TENANT);
        if (existing != null && !tenant.sameAs(existing.toString())) {
            SecurityEvents.log("tenant_mismatch", "command " + command.getCommandName() + " named another tenant");
            throw new AccessDeniedException("a command may only act for the caller's own tenant");
        }
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(MetadataKeys.TENANT, tenant.value());
        Caller.actor().ifPresent(actor -> {
            metadata.put(MetadataKeys.ACTOR, actor.id());
            metadata.put(MetadataKeys.ORIGIN, actor.origin());
        });
        return command.andMetaData(metadata);
    }
}
