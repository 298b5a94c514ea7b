package com.meterledger.query.meter;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Meters")
public class MeterQueryController {
    private final MeterQueries meters;

    public MeterQueryController(MeterQueries meters) {
        this.meters = meters;
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#meterId, 'meter', 'manage')")
    @GetMapping("/api/meters/{meterId}/status")
    @Operation(summary = "Last reading, supply as commanded and confirmed, pending control command, gateway online")
    public MeterStatus status(@Parameter(hidden = true) TenantId tenant, @PathVariable String meterId) {
        return meters.status(tenant, new MeterId(meterId));
    }
}
