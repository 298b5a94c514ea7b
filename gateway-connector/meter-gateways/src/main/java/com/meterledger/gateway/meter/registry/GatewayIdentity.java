package com.meterledger.gateway.meter.registry;

import com.meterledger.api.shared.Ids;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.TenantScoped;

import java.util.Optional;

/**
 * An authenticated gateway: its tenant and id, as the registry knows them. The MQTT user name and the HTTP Basic user
 * of a gateway are {@code <tenant>/<gateway>} ('/' never occurs in an id, so the split is unambiguous).
 */
public record GatewayIdentity(TenantId tenant, String gatewayId) implements TenantScoped {
    public GatewayIdentity {
        Ids.requireValid(gatewayId, "gateway id");
    }

    public String username() {
        return tenant.value() + "/" + gatewayId;
    }

    public static Optional<GatewayIdentity> parseUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        int slash = username.indexOf('/');
        if (slash <= 0 || slash != username.lastIndexOf('/')) {
            return Optional.empty();
        }
        try {
            return Optional.of(new GatewayIdentity(new TenantId(username.substring(0, slash)), username.substring(slash + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return username();
    }
}
