package com.meterledger.query.listing;

import com.meterledger.api.listing.ListPage;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tariff list from the tariff read model; a property manager sees the shared tariffs and the own tariffs of the
 * accounts in their properties, never another property's account's (its id names the account). One tariff with every version is {@code GET /api/tariffs/{tariffId}}
 * (core's {@code TariffController}), read from the tariff's own events so that a version just published is there at
 * once.
 */
@RestController
@Tag(name = "Tariffs")
public class TariffListController {
    private final TariffList tariffs;

    public TariffListController(TariffList tariffs) {
        this.tariffs = tariffs;
    }

    @GetMapping("/api/tariffs")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')")
    @Operation(summary = "A page of the tenant's tariffs with the version in force now and the open accounts on each (a "
            + "property manager: the shared tariffs and the own tariffs of their properties' accounts, and only those "
            + "accounts); filters utility, kind (FLAT, TIERED, TIME_OF_USE: the latest version's), state (DRAFT: no version yet, "
            + "PUBLISHED), name (text anywhere in the name, 2..100 characters); sort by tariffId, name, utility, state "
            + "or createdAt ('-createdAt' descending); page from 0, size 1..200; or, for the next page however deep, "
            + "cursor (the previous page's nextCursor, same sort, no page)")
    public ListPage<TariffList.Row> tariffs(@Parameter(hidden = true) TenantId tenant,
                                            @Parameter(hidden = true) PropertyScope scope,
                                            @RequestParam(required = false) String utility,
                                            @RequestParam(required = false) String kind,
                                            @RequestParam(required = false) String state,
                                            @RequestParam(required = false) String name,
                                            @RequestParam(required = false) Integer page,
                                            @RequestParam(required = false) Integer size,
                                            @RequestParam(required = false) String sort,
                                            @RequestParam(required = false) String cursor) {
        TariffList.Filters filters = TariffList.Filters.of(utility, kind, state, name);
        return tariffs.list(tenant, scope, filters, TariffList.window(page, size, sort, cursor, filters.values()));
    }
}
