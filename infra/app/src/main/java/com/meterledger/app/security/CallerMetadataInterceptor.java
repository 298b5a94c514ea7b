package com.meterledger.app.security;

import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The edge: a command dispatched while serving an authenticated request gets the caller's tenant and actor in its
 * metadata, taken from the verified token. Controllers never set them, so a request body cannot choose a tenant.
 */
@Component
public class CallerMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {
    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (command.getMetaData().containsKey(MetadataKeys.TENANT) || Caller.current().isEmpty()) {
                return command;
            }
            TenantId tenant = Caller.tenant();
            Map<String, Object> metadata = new HashMap<>();
            metadata.put(MetadataKeys.TENANT, tenant.value());
            Caller.actor().ifPresent(actor -> {
                metadata.put(MetadataKeys.ACTOR, actor.id());
                metadata.put(MetadataKeys.ORIGIN, actor.origin());
            });
            return command.andMetaData(metadata);
        };
    }
}
