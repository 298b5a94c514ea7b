package com.meterledger.gateway.meter.registry;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.OwnsMeter;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.supply.NoteMeterReachable;
import com.meterledger.api.supply.ReachabilitySignal;
import com.meterledger.gateway.meter.mqtt.Topics;
import com.meterledger.gateway.meter.uplink.UplinkKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** The tenant's meter gateways: register, rotate credentials, attach meters, see liveness and counters. */
@RestController
@RequestMapping("/api/gateways")
@PreAuthorize("hasRole('TENANT_ADMIN')")
@Tag(name = "Gateways", description = "Meter gateways (concentrators): credentials, attached meters, liveness")
public class GatewayController {
    private static final String ID = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";
    private static final Logger log = LoggerFactory.getLogger(GatewayController.class);
    private final GatewayRegistry registry;
    private final QueryGateway queries;
    private final CommandGateway commands;

    public GatewayController(GatewayRegistry registry, QueryGateway queries, CommandGateway commands) {
        this.registry = registry;
        this.queries = queries;
        this.commands = commands;
    }

    public record RegisterGatewayRequest(@NotBlank @Pattern(regexp = ID) String gatewayId,
                                         @NotBlank @Pattern(regexp = ID) String propertyId,
                                         @NotBlank @Size(max = 200) String name) {
        /** Judged as the body is read: the name is stored as text, which PostgreSQL refuses with a NUL in it. */
        public RegisterGatewayRequest {
            FreeText.require("name", name, FreeText.NAME);
        }
    }

    public record AttachMeterRequest(@Pattern(regexp = ID) String address) {
    }

    /** The credentials, shown once: the secret is stored only as a salted hash. */
    public record Credentials(String gatewayId, String mqttUsername, String secret, Map<String, String> topics,
                              String httpUplink) {
    }

    @PostMapping
    @Operation(summary = "Register a gateway of one of the tenant's properties; the answer holds its secret, shown once")
    public ResponseEntity<Credentials> register(@Parameter(hidden = true) TenantId tenant,
                                                @Valid @RequestBody RegisterGatewayRequest request) {
        String secret = registry.register(tenant, request.gatewayId(), request.propertyId(), request.name());
        return ResponseEntity.status(HttpStatus.CREATED).body(credentials(tenant, request.gatewayId(), secret));
    }

    @PostMapping("/{gatewayId}/secret")
    @Operation(summary = "Rotate the gateway's secret; the old one stops working at once")
    public Credentials rotate(@Parameter(hidden = true) TenantId tenant, @PathVariable String gatewayId) {
        return credentials(tenant, gatewayId, registry.rotateSecret(tenant, gatewayId));
    }

    @GetMapping("/{gatewayId}")
    @Operation(summary = "One gateway")
    public GatewayView get(@Parameter(hidden = true) TenantId tenant, @PathVariable String gatewayId) {
        return registry.find(tenant, gatewayId).orElseThrow(() -> new NotFound("gateway", gatewayId));
    }

    @PutMapping("/{gatewayId}/meters/{meterId}")
    @Operation(summary = "Attach a meter to the gateway, under the address the gateway uses for it (default: the meter id)")
    public ResponseEntity<Void> attach(@Parameter(hidden = true) TenantId tenant, @PathVariable String gatewayId,
                                       @PathVariable String meterId,
                                       @Valid @RequestBody(required = false) AttachMeterRequest request) {
        String address = request == null || request.address() == null ? meterId : request.address();
        // a gateway relays its own tenant's meters only: another tenant's meter is as unknown as one never registered
        if (!queries.query(new OwnsMeter(tenant, new MeterId(meterId)), Boolean.class).join()) {
            throw new NotFound("meter", meterId);
        }
        registry.attach(tenant, gatewayId, meterId, address);
        // a meter newly attached can be reached: one the reconciler was backing off gets its command at once
        commands.send(new NoteMeterReachable(new MeterId(meterId), ReachabilitySignal.GATEWAY_ATTACHED))
                .exceptionally(failure -> {
                    log.info("meter {} of tenant {} not told that it is attached to gateway {}: {}", meterId, tenant,
                            gatewayId, failure.toString());
                    return null;
                });
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{gatewayId}/meters/{meterId}")
    @Operation(summary = "Detach a meter from the gateway")
    public ResponseEntity<Void> detach(@Parameter(hidden = true) TenantId tenant, @PathVariable String gatewayId,
                                       @PathVariable String meterId) {
        registry.detach(tenant, gatewayId, meterId);
        return ResponseEntity.noContent().build();
    }

    private static Credentials credentials(TenantId tenant, String gatewayId, String secret) {
        GatewayIdentity gateway = new GatewayIdentity(tenant, gatewayId);
        return new Credentials(gatewayId, gateway.username(), secret, Map.of(
                "readings", Topics.uplink(gateway, UplinkKind.READINGS),
                "heartbeat", Topics.uplink(gateway, UplinkKind.HEARTBEAT),
                "acks", Topics.uplink(gateway, UplinkKind.ACKS),
                "commands", Topics.commands(gateway),
                "results", Topics.results(gateway)), "/gateway/v1/readings");
    }
}
