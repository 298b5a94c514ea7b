package com.meterledger.tenantadmin.registry;

import com.meterledger.api.listing.ListFilters;
import com.meterledger.api.listing.ListPage;
import com.meterledger.api.listing.ListWindow;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/** The units of every property the caller sees, as one list (a property's own units: {@link RegistryController}). */
@RestController
@Tag(name = "Registry")
public class UnitListController {
    private final Registry registry;

    public UnitListController(Registry registry) {
        this.registry = registry;
    }

    @GetMapping("/api/units")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')")
    @Operation(summary = "A page of the units of the tenant's properties (a property manager's only), of one property "
            + "if 'property' is given, sorted by unitId, name or propertyId ('-name' descending); page from 0, size "
            + "1..200; or, for the next page however deep, cursor (the previous page's nextCursor, same sort, no page)")
    public ListPage<Registry.Unit> units(@Parameter(hidden = true) TenantId tenant,
                                         @Parameter(hidden = true) PropertyScope scope,
                                         @RequestParam(required = false) String property,
                                         @RequestParam(required = false) Integer page,
                                         @RequestParam(required = false) Integer size,
                                         @RequestParam(required = false) String sort,
                                         @RequestParam(required = false) String cursor) {
        String propertyId = ListFilters.id("property", property);
        return registry.units(tenant, scope, propertyId == null ? null : new PropertyId(propertyId),
                window(page, size, sort, cursor, Collections.singletonList(propertyId)));
    }

    /**
     * The unit list's window: a page, or with the previous page's {@code nextCursor} the page after its last row, when
     * the cursor was made by this list with the same sort and {@code filters} (the property filter's value).
     */
    public static ListWindow window(Integer page, Integer size, String sort, String cursor, List<?> filters) {
        return ListWindow.of(page, size, sort, sortKeys(), "unitId").continuing(cursor, Registry.UNIT_LIST, filters);
    }

    static List<String> sortKeys() {
        return List.copyOf(new TreeSet<>(Registry.UNIT_SORTS.keySet()));
    }
}
