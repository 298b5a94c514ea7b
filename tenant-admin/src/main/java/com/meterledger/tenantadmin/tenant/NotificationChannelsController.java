package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.NotificationChannels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * channels: which channels the caller's own tenant offers its occupants for low-balance alerts, and where its staff
 * alerts are mailed; the tenant comes from the token only.
 */
@RestController
@RequestMapping("/api/tenant/settings/notification-channels")
@Tag(name = "Tenant settings", description = "The tenant's own rules and preferences, kept as data")
public class NotificationChannelsController {
    private final TenantNotificationChannels channels;

    public NotificationChannelsController(TenantNotificationChannels channels) {
        this.channels = channels;
    }

    /** Everyone of the tenant's staff reads them, as on the settings page. */
    @GetMapping
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')")
    @Operation(summary = "The channels occupants may choose for low-balance alerts, and the staff alerts' address")
    public NotificationChannels notificationChannels(@Parameter(hidden = true) TenantId tenant) {
        return channels.channelsOf(tenant);
    }

    /** Saved as a whole; a change is an event with its actor (the address itself is in no event). */
    @PutMapping
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "Change the channels occupants may choose, and the staff alerts' address")
    public NotificationChannels change(@Parameter(hidden = true) TenantId tenant,
                                       @RequestBody NotificationChannels notificationChannels) {
        if (notificationChannels == null) {
            throw new IllegalArgumentException("the body is required");
        }
        if (!channels.tenantIsData(tenant)) {
            throw new NotFound("tenant settings", tenant);
        }
        return channels.change(tenant, notificationChannels);
    }
}
