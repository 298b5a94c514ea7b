package com.meterledger.query.consumption;

import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/** Daily consumption histograms (Elasticsearch) of a meter or a property, [from, to] inclusive, UTC days. */
@RestController
@Tag(name = "Consumption")
public class ConsumptionController {
    private final DailyConsumption consumption;

    public ConsumptionController(DailyConsumption consumption) {
        this.consumption = consumption;
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#meterId, 'meter', 'manage')")
    @GetMapping("/api/meters/{meterId}/consumption/daily")
    @Operation(summary = "The meter's consumption per day (register units, exact decimals) and its charges")
    public DailyConsumption.Report meter(@Parameter(hidden = true) TenantId tenant, @PathVariable String meterId,
                                         @RequestParam LocalDate from, @RequestParam LocalDate to) {
        return consumption.forMeter(tenant, meterId, from, to);
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#propertyId, 'property', 'manage')")
    @GetMapping("/api/properties/{propertyId}/consumption/daily")
    @Operation(summary = "The property's consumption per day and utility, and its charges")
    public DailyConsumption.Report property(@Parameter(hidden = true) TenantId tenant,
                                            @PathVariable String propertyId,
                                            @RequestParam LocalDate from, @RequestParam LocalDate to) {
        return consumption.forProperty(tenant, propertyId, from, to);
    }
}
