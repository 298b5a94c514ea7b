package com.meterledger.tenantadmin.registry;

import com.meterledger.api.registry.MeterHierarchy;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** A property's master meters and their sub-meters, which the line-loss alert compares. */
@RestController
@RequestMapping("/api/properties/{propertyId}/meter-hierarchy")
@Tag(name = "Registry", description = "The tenant's properties and units")
public class MeterHierarchyController {
    private final MeterHierarchies hierarchies;

    public MeterHierarchyController(MeterHierarchies hierarchies) {
        this.hierarchies = hierarchies;
    }

    /** One master and its sub-meters, as a person sends them; an empty list removes the master's hierarchy. */
    public record MasterAndSubMeters(String masterMeterId, List<String> subMeterIds) {
    }

    public record Hierarchy(String propertyId, String masterMeterId, List<String> subMeterIds) {
        static Hierarchy of(MeterHierarchy h) {
            return new Hierarchy(h.propertyId().value(), h.master().value(),
                    h.subMeters().stream().map(Object::toString).toList());
        }
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#propertyId, 'property', 'manage')")
    @Operation(summary = "A property's master meters with their sub-meters")
    public List<Hierarchy> hierarchies(@Parameter(hidden = true) TenantId tenant, @PathVariable String propertyId) {
        return hierarchies.of(tenant, new PropertyId(propertyId)).stream().map(Hierarchy::of).toList();
    }

    @PutMapping
    @PreAuthorize("hasRole('TENANT_ADMIN') or hasPermission(#propertyId, 'property', 'manage')")
    @Operation(summary = "Set a master meter's sub-meters in a property (an empty list removes them)")
    public Hierarchy set(@Parameter(hidden = true) TenantId tenant, @PathVariable String propertyId,
                         @RequestBody MasterAndSubMeters body) {
        return Hierarchy.of(hierarchies.set(tenant, new PropertyId(propertyId), body.masterMeterId(),
                body.subMeterIds()));
    }
}
