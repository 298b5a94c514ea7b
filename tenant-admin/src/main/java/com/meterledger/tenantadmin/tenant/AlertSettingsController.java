package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.AlertSettings;
import com.meterledger.api.tenant.ChangeAlertSettings;
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

/** The caller's own tenant's alert settings (the thresholds of the alerts inbox); the tenant comes from the token only. */
@RestController
@RequestMapping("/api/tenant/settings/alerts")
@Tag(name = "Tenant settings", description = "The tenant's own rules and preferences, kept as data")
public class AlertSettingsController {
    private final TenantAlertSettings settings;
    private final CommandGateway commands;

    public AlertSettingsController(TenantAlertSettings settings, CommandGateway commands) {
        this.settings = settings;
        this.commands = commands;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')")
    @Operation(summary = "The tenant's alert thresholds (the standard ones until changed)")
    public AlertSettings alertSettings(@Parameter(hidden = true) TenantId tenant) {
        return settings.settingsOf(tenant).orElseGet(AlertSettings::standard);
    }

    /** Saved as a whole; a change is an event with its actor, read by every node's next evaluation. */
    @PutMapping
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "Change the tenant's alert thresholds")
    public AlertSettings change(@Parameter(hidden = true) TenantId tenant, @RequestBody AlertSettings alertSettings) {
        if (!settings.tenantIsData(tenant)) {
            throw new NotFound("tenant settings", tenant);
        }
        commands.sendAndWait(new ChangeAlertSettings(tenant, alertSettings));
        return alertSettings;
    }
}
