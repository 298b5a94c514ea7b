package com.meterledger.tenantadmin.client;

import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.Caller;
import com.meterledger.edge.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The tenant's machine clients: API clients and gateway clients, made, rotated and revoked by its administrators. */
@RestController
@Tag(name = "Machine clients", description = "A tenant's API and gateway clients (client-credentials), kept as data")
public class MachineClientController {
    private final MachineClients clients;

    public MachineClientController(MachineClients clients) {
        this.clients = clients;
    }

    /** The secret is in this answer only: copy it now. */
    @PostMapping("/api/tenant/clients")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "Make an API or gateway client (its secret is shown once)")
    public ResponseEntity<MachineClients.Issued> create(@Parameter(hidden = true) TenantId tenant,
                                                        @RequestBody MachineClients.NewClient request) {
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(clients.create(tenant, request, Roles.ALL.stream().filter(Caller::hasRole).toList()));
    }

    @GetMapping("/api/tenant/clients")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "The tenant's machine clients, revoked ones included (never a secret)")
    public List<MachineClients.ClientView> list(@Parameter(hidden = true) TenantId tenant) {
        return clients.list(tenant);
    }

    @GetMapping("/api/tenant/clients/{clientId}")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "One machine client (never its secret)")
    public MachineClients.ClientView get(@Parameter(hidden = true) TenantId tenant, @PathVariable String clientId) {
        return clients.get(tenant, clientId);
    }

    /** The new secret is in this answer only; the old one stops at once. */
    @PostMapping("/api/tenant/clients/{clientId}/secret")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "Replace a machine client's secret (shown once)")
    public ResponseEntity<MachineClients.Issued> rotate(@Parameter(hidden = true) TenantId tenant,
                                                        @PathVariable String clientId) {
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(clients.rotate(tenant, clientId));
    }

    @DeleteMapping("/api/tenant/clients/{clientId}")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "Revoke a machine client: it obtains no more tokens")
    public MachineClients.ClientView revoke(@Parameter(hidden = true) TenantId tenant, @PathVariable String clientId) {
        return clients.revoke(tenant, clientId);
    }
}
