package com.meterledger.gateway.meter.registry;

import com.meterledger.api.listing.ListFilters;
import com.meterledger.api.listing.ListPage;
import com.meterledger.api.listing.ListWindow;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The gateway list: every reader role sees it (a property manager only their properties' gateways), because which
 * gateway is offline is what a manager looks for first; registering and credentials stay with administrators
 * ({@link GatewayController}).
 */
@RestController
@Tag(name = "Gateways")
public class GatewayListController {
    private final GatewayRegistry registry;

    public GatewayListController(GatewayRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/api/gateways")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')")
    @Operation(summary = "A page of the tenant's gateways (a property manager's properties' only) with liveness, "
            + "counters and how many meters each relays; filters property and offline (true/false); sort by "
            + "gatewayId, name, propertyId or lastSeenAt ('-lastSeenAt' descending; never seen sorts first going up); "
            + "page from 0, size 1..200; or, for the next page however deep, cursor (the previous page's nextCursor, "
            + "same sort, no page)")
    public ListPage<GatewayRegistry.GatewayListItem> list(@Parameter(hidden = true) TenantId tenant,
                                                         @Parameter(hidden = true) PropertyScope scope,
                                                         @RequestParam(required = false) String property,
                                                         @RequestParam(required = false) Boolean offline,
                                                         @RequestParam(required = false) Integer page,
                                                         @RequestParam(required = false) Integer size,
                                                         @RequestParam(required = false) String sort,
                                                         @RequestParam(required = false) String cursor) {
        String propertyId = ListFilters.id("property", property);
        return registry.list(tenant, scope, propertyId, offline,
                window(page, size, sort, cursor, Arrays.asList(propertyId, offline)));
    }

    /**
     * The gateway list's window: a page, or with the previous page's {@code nextCursor} the page after its last row,
     * when the cursor was made by this list with the same sort and {@code filters} (property, then offline).
     */
    public static ListWindow window(Integer page, Integer size, String sort, String cursor, List<?> filters) {
        return ListWindow.of(page, size, sort, List.copyOf(new TreeSet<>(GatewayRegistry.SORTS.keySet())),
                "gatewayId").continuing(cursor, GatewayRegistry.LIST, filters);
    }
}
