package com.meterledger.tenantadmin.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.meterledger.api.client.MachineClientId;
import com.meterledger.api.client.MachineClientRegistered;
import com.meterledger.api.client.MachineClientRevoked;
import com.meterledger.api.client.MachineClientRules;
import com.meterledger.api.client.MachineClientSecretRotated;
import com.meterledger.api.client.RegisterMachineClient;
import com.meterledger.api.client.RevokeMachineClient;
import com.meterledger.api.client.RotateMachineClientSecret;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.TenantId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's machine client as the history of who gave and took its access: registration, secret rotations,
 * revocation, each an event whose metadata names the actor. The credential itself lives beside it (a hash in the
 * issuer's client table), never in an event. Another tenant's command finds no such client.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class MachineClient {
    @AggregateIdentifier
    private MachineClientId clientId;
    private TenantId tenantId;
    private boolean revoked;

    protected MachineClient() {
    }

    @CommandHandler
    public MachineClient(RegisterMachineClient command, @MetaDataValue(TENANT) String tenant) {
        if (tenant == null || !command.tenantId().sameAs(tenant)) {
            throw new NotFound("tenant", command.tenantId());
        }
        apply(new MachineClientRegistered(command.clientId(), command.tenantId(), command.kind(), command.name(),
                command.roles(), command.properties(), GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(RotateMachineClientSecret command, @MetaDataValue(TENANT) String tenant) {
        requireOwner(tenant);
        if (revoked) {
            throw new RuleViolation(MachineClientRules.REVOKED, "a revoked client gets no new secret");
        }
        apply(new MachineClientSecretRotated(clientId, tenantId, GenericEventMessage.clock.instant()));
    }

    /** @return whether this revoked it (false: it was revoked already, and nothing happens) */
    @CommandHandler
    public boolean handle(RevokeMachineClient command, @MetaDataValue(TENANT) String tenant) {
        requireOwner(tenant);
        if (revoked) {
            return false;
        }
        apply(new MachineClientRevoked(clientId, tenantId, GenericEventMessage.clock.instant()));
        return true;
    }

    private void requireOwner(String tenant) {
        if (tenant == null || !tenantId.sameAs(tenant)) {
            throw new NotFound("machine client", clientId);
        }
    }

    @EventSourcingHandler
    void on(MachineClientRegistered event) {
        clientId = event.clientId();
        tenantId = event.tenantId();
    }

    @EventSourcingHandler
    void on(MachineClientRevoked event) {
        revoked = true;
    }
}
