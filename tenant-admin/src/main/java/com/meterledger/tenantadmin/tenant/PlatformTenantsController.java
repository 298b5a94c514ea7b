package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeTenantStatus;
import com.meterledger.api.tenant.ResumeTenantByOperator;
import com.meterledger.api.tenant.SuspendTenantByOperator;
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

    /**
     * Where the tenant stands after the operator's request, and why it is suspended if it is: {@code byOperator}
     * (the operator's hold) and {@code forUnpaidInvoice} (billing's), each lifted only by its own cause.
     */
    public record StatusNow(String tenantId, TenantStatus status, boolean byOperator, boolean forUnpaidInvoice) {
        /** A status no suspension holds (closing, cancelling). */
        public StatusNow(String tenantId, TenantStatus status) {
            this(tenantId, status, false, false);
        }
    }

    @GetMapping
    @Operation(summary = "Every tenant with its status (no tenant's data)")
    public List<TenantDirectory.PlatformRow> tenants() {
        return directory.everyTenant();
    }

    /**
     * Staff of a suspended tenant may read but not write; its occupants and meters carry on as before. The operator's
     * suspension is its own hold: a paid invoice does not lift it.
     */
    @PostMapping("/{tenantId}/suspension")
    @Operation(summary = "Suspend a tenant's staff writes, with a reason (only an operator's resumption lifts it)")
    public StatusNow suspend(@PathVariable TenantId tenantId, @RequestBody Reason body) {
        commands.sendAndWait(new SuspendTenantByOperator(tenantId, body == null ? null : body.reason()));
        return now(tenantId);
    }

    /**
     * Lifts the operator's own suspension only: a tenant also suspended for an unpaid invoice stays suspended (the
     * answer says so); one the operator does not hold is a 422 {@code tenant-not-suspended-by-operator}.
     */
    @PostMapping("/{tenantId}/resumption")
    @Operation(summary = "Lift the operator's suspension of a tenant, with a reason (a suspension for an unpaid "
            + "invoice stays until it is paid)")
    public StatusNow resume(@PathVariable TenantId tenantId, @RequestBody Reason body) {
        commands.sendAndWait(new ResumeTenantByOperator(tenantId, body == null ? null : body.reason()));
        return now(tenantId);
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
        commands.sendAndWait(new ChangeTenantStatus(tenantId, to, body == null ? null : body.reason()));
        return now(tenantId);
    }

    private StatusNow now(TenantId tenantId) {
        TenantDirectory.PlatformRow row = directory.platformRow(tenantId)
                .orElseThrow(() -> new IllegalStateException("the directory lacks tenant " + tenantId));
        return new StatusNow(tenantId.value(), row.status(), row.suspension().byOperator(),
                row.suspension().forUnpaidInvoice());
    }
}
