package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeTenantStatus;
import com.meterledger.api.tenant.TenantStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's administrator closes their own tenant: the same path through {@link TenantLifecycle} as the operator's
 * (cancelled, then closed; each step an event with the administrator as actor and the reason), so the same erasure
 * follows ({@code TenantDirectory}). Because it cannot be undone, the request must repeat the tenant's id in
 * {@code confirmTenantId}; a missing or different one is a 400 naming that field and changes nothing.
 */
@RestController
@Tag(name = "Tenant")
public class TenantClosureController {
    private final CommandGateway commands;

    public TenantClosureController(CommandGateway commands) {
        this.commands = commands;
    }

    public record ClosureRequest(String confirmTenantId, String reason) {
    }

    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @PostMapping("/api/tenant/closure")
    @Operation(summary = "Close the own tenant (confirmTenantId repeats its id; a reason): cancelled, then closed; "
            + "personal data erased, the money's record kept for the platform's retention period")
    public PlatformTenantsController.StatusNow close(@Parameter(hidden = true) TenantId tenant,
                                                     @RequestBody ClosureRequest body) {
        if (body == null || !tenant.value().equals(body.confirmTenantId())) {
            throw new FieldRejected("confirmTenantId", "closure-not-confirmed",
                    "closing a tenant cannot be undone: repeat the tenant's id to confirm");
        }
        if (body.reason() == null || body.reason().isBlank()) {
            throw new FieldRejected("reason", "reason-required", "closing a tenant needs a reason");
        }
        commands.sendAndWait(new ChangeTenantStatus(tenant, TenantStatus.CANCELLED, body.reason()));
        TenantStatus now = commands.sendAndWait(new ChangeTenantStatus(tenant, TenantStatus.CLOSED, body.reason()));
        return new PlatformTenantsController.StatusNow(tenant.value(), now);
    }
}
