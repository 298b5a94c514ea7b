package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeTenantStatus;
import com.meterledger.api.tenant.TenantStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The platform operator's console: every tenant with its status, and suspending or resuming one with a reason. The
 * operator has no tenant and reads none of a tenant's data; the only commands it sends are a tenant's life-cycle
 * steps, each an event with the operator as actor.
 */
@RestController
@RequestMapping("/api/platform/tenants")
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
@Tag(name = "Platform", description = "The platform operator's console")
public class PlatformTenantsController {
    private final TenantDirectory directory;
    private final CommandGateway commands;

    public PlatformTenantsController(TenantDirectory directory, CommandGateway commands) {
        this.directory = directory;
        this.commands = commands;
    }

    public record Reason(String reason) {
    }

    public record StatusNow(String tenantId, TenantStatus status) {
    }

    @GetMapping
    @Operation(summary = "Every tenant with its status (no tenant's data)")
    public List<TenantDirectory.PlatformRow> tenants() {
        return directory.everyTenant();
    }

    /** Staff of a suspended tenant may read but not write; its occupants and meters carry on as before. */
    @PostMapping("/{tenantId}/suspension")
    @Operation(summary = "Suspend a tenant's staff writes, with a reason")
    public StatusNow suspend(@PathVariable TenantId tenantId, @RequestBody Reason body) {
        return change(tenantId, TenantStatus.SUSPENDED, body);
    }

    @PostMapping("/{tenantId}/resumption")
    @Operation(summary = "Resume a suspended tenant, with a reason")
    public StatusNow resume(@PathVariable TenantId tenantId, @RequestBody Reason body) {
        return change(tenantId, TenantStatus.ACTIVE, body);
    }

    /**
     * A cancelled tenant leaves: its personal data is erased at once, its financial record kept for the platform's
     * retention period. Only from CANCELLED (TenantLifecycle), so an active tenant is never closed by one click.
     */
    @PostMapping("/{tenantId}/closure")
    @Operation(summary = "Close a cancelled tenant, with a reason: personal data erased, the money's record kept")
    public StatusNow close(@PathVariable TenantId tenantId, @RequestBody Reason body) {
        return change(tenantId, TenantStatus.CLOSED, body);
    }

    private StatusNow change(TenantId tenantId, TenantStatus to, Reason body) {
        TenantStatus now = commands.sendAndWait(new ChangeTenantStatus(tenantId, to, body == null ? null : body.reason()));
        return new StatusNow(tenantId.value(), now);
    }
}
