package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeTenantSettings;
import com.meterledger.api.tenant.TenantSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own tenant's settings; which tenant comes from the token only, never from the path or body. */
@RestController
@RequestMapping("/api/tenant/settings")
@Tag(name = "Tenant settings", description = "The tenant's own rules and preferences, kept as data")
public class TenantSettingsController {
    private final TenantDirectory directory;
    private final CommandGateway commands;

    public TenantSettingsController(TenantDirectory directory, CommandGateway commands) {
        this.directory = directory;
        this.commands = commands;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')")
    @Operation(summary = "The tenant's settings")
    public TenantSettings settings(@Parameter(hidden = true) TenantId tenant) {
        return directory.settingsOf(tenant).orElseThrow(() -> new NotFound("tenant settings", tenant));
    }

    /** Saved as a whole, as the form is; every change is an event with its actor, in force on every node at once. */
    @PutMapping
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "Change the tenant's settings")
    public TenantSettings change(@Parameter(hidden = true) TenantId tenant, @RequestBody TenantSettings settings) {
        commands.sendAndWait(new ChangeTenantSettings(tenant, settings));
        return settings;
    }
}
