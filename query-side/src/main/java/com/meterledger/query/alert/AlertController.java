package com.meterledger.query.alert;

import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The alerts inbox: the tenant's (a property manager: their properties') alerts, and acknowledging one with a note. */
@RestController
@Tag(name = "Alerts")
public class AlertController {
    private final Alerts alerts;

    public AlertController(Alerts alerts) {
        this.alerts = alerts;
    }

    /** The note of an acknowledgement: what was done, or why it can wait. */
    public record Acknowledgement(String note) {
    }

    @GetMapping("/api/alerts")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')")
    @Operation(summary = "Alerts, newest first: filter by state (OPEN, ACKNOWLEDGED, RESOLVED), kind (METER_NOT_READ, "
            + "GATEWAY_OFFLINE, ...) and property; page from 0, size at most 200")
    public AlertPage alerts(@Parameter(hidden = true) TenantId tenant, @RequestParam(required = false) String state,
                            @RequestParam(required = false) String kind,
                            @RequestParam(required = false) String property,
                            @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Integer size) {
        return alerts.list(tenant, AlertFilter.parse(state, kind, property, page, size));
    }

    @PostMapping("/api/alerts/{alertId}/acknowledgement")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'PROPERTY_MANAGER')")
    @Operation(summary = "Acknowledge an open alert with a note; it resolves by itself when its condition clears")
    public Alert acknowledge(@Parameter(hidden = true) TenantId tenant, @PathVariable String alertId,
                             @RequestBody Acknowledgement acknowledgement) {
        return alerts.acknowledge(tenant, alertId, acknowledgement.note(), "rest");
    }
}
