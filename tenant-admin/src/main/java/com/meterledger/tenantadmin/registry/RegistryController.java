package com.meterledger.tenantadmin.registry;

import com.meterledger.api.error.NotFound;
import org.springframework.security.access.prepost.PreAuthorize;
import com.meterledger.api.listing.ListPage;
import com.meterledger.api.listing.ListWindow;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.TreeSet;

@RestController
@RequestMapping("/api/properties")
@Tag(name = "Registry", description = "The tenant's properties and units")
public class RegistryController {
    private final Registry registry;
    private final RegistryAdditions additions;
    private final RegistryEdits edits;

    public RegistryController(Registry registry, RegistryAdditions additions, RegistryEdits edits) {
        this.registry = registry;
        this.additions = additions;
        this.edits = edits;
    }

    public record NewProperty(@NotBlank @Size(max = 64) String propertyId, @NotBlank @Size(max = 200) String name,
                              @Size(max = 500) String address) {
    }

    public record NewUnit(@NotBlank @Size(max = 64) String unitId, @NotBlank @Size(max = 200) String name) {
    }

    /** A property's name and address as they should read from now on (no address: none). */
    public record PropertyDetails(@NotBlank @Size(max = 200) String name, @Size(max = 500) String address) {
    }

    /** A unit's name as it should read from now on. */
    public record UnitName(@NotBlank @Size(max = 200) String name) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "Add a property")
    public Registry.Property addProperty(@Parameter(hidden = true) TenantId tenant, @Valid @RequestBody NewProperty body) {
        return additions.addProperty(tenant, new PropertyId(body.propertyId()), body.name(), body.address());
    }

    @PutMapping("/{propertyId}")
    @PreAuthorize("hasRole('TENANT_ADMIN') or hasPermission(#propertyId, 'property', 'manage')")
    @Operation(summary = "Correct a property's name and address (the same text again changes nothing)")
    public Registry.Property changeProperty(@Parameter(hidden = true) TenantId tenant, @PathVariable String propertyId,
                                            @Valid @RequestBody PropertyDetails body) {
        return edits.changeProperty(tenant, new PropertyId(propertyId), body.name(), body.address());
    }

    @GetMapping("/{propertyId}")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#propertyId, 'property', 'manage')")
    @Operation(summary = "One property: its id, name and address")
    public Registry.Property property(@Parameter(hidden = true) TenantId tenant, @PathVariable String propertyId) {
        return registry.property(tenant, new PropertyId(propertyId))
                .orElseThrow(() -> new NotFound("property", propertyId));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')")
    @Operation(summary = "A page of the tenant's properties (a property manager's only), sorted by propertyId or name "
            + "('-name' descending); page from 0, size 1.." + ListWindow.MAX_SIZE + "; or, for the next page however "
            + "deep, cursor (the previous page's nextCursor, same sort, no page)")
    public ListPage<Registry.Property> properties(@Parameter(hidden = true) TenantId tenant,
                                                  @Parameter(hidden = true) PropertyScope scope,
                                                  @RequestParam(required = false) Integer page,
                                                  @RequestParam(required = false) Integer size,
                                                  @RequestParam(required = false) String sort,
                                                  @RequestParam(required = false) String cursor) {
        return registry.properties(tenant, scope, window(page, size, sort, cursor));
    }

    /**
     * The property list's window: a page, or with the previous page's {@code nextCursor} the page after its last row,
     * when the cursor was made by this list with the same sort (the list has no filters).
     */
    public static ListWindow window(Integer page, Integer size, String sort, String cursor) {
        return ListWindow.of(page, size, sort, List.copyOf(new TreeSet<>(Registry.PROPERTY_SORTS.keySet())),
                "propertyId").continuing(cursor, Registry.PROPERTY_LIST, List.of());
    }

    @PostMapping("/{propertyId}/units")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('TENANT_ADMIN') or hasPermission(#propertyId, 'property', 'manage')")
    @Operation(summary = "Add a unit to a property")
    public Registry.Unit addUnit(@Parameter(hidden = true) TenantId tenant, @PathVariable String propertyId,
                                 @Valid @RequestBody NewUnit body) {
        return additions.addUnit(tenant, new PropertyId(propertyId), new UnitId(body.unitId()), body.name());
    }

    @PutMapping("/{propertyId}/units/{unitId}")
    @PreAuthorize("hasRole('TENANT_ADMIN') or hasPermission(#propertyId, 'property', 'manage')")
    @Operation(summary = "Rename a unit of a property (the same name again changes nothing)")
    public Registry.Unit renameUnit(@Parameter(hidden = true) TenantId tenant, @PathVariable String propertyId,
                                    @PathVariable String unitId, @Valid @RequestBody UnitName body) {
        return edits.renameUnit(tenant, new PropertyId(propertyId), new UnitId(unitId), body.name());
    }

    @GetMapping("/{propertyId}/units")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#propertyId, 'property', 'manage')")
    @Operation(summary = "List a property's units")
    public List<Registry.Unit> units(@Parameter(hidden = true) TenantId tenant, @PathVariable String propertyId) {
        return registry.units(tenant, new PropertyId(propertyId));
    }
}
