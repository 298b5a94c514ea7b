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

import java.time.Instant;
import java.util.List;

/**
 * Paged, filtered, sorted lists of accounts and meters, and the one search box. A property manager sees only their
 * properties' rows: the scope is a filter of the query, before paging.
 */
@RestController
@Tag(name = "Lists and search")
public class ListController {
    private final AccountList accounts;
    private final MeterList meters;
    private final Search search;

    public ListController(AccountList accounts, MeterList meters, Search search) {
        this.accounts = accounts;
        this.meters = meters;
        this.search = search;
    }

    @GetMapping("/api/accounts")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')")
    @Operation(summary = "A page of accounts; filters state (NEW, ACTIVE, LOW, DEPLETED, CUT, CLOSED), utility, "
            + "property, balanceBelow (minor units), supplyOff, lastReadingBefore (ISO-8601 instant: never read or "
            + "read before it); sort by accountId, balance, arrears, state, propertyId, unitId or lastReadAt "
            + "('-balance' descending); page from 0, size 1..200; or, for the next page however deep, cursor (the "
            + "previous page's nextCursor, same sort, no page)")
    public ListPage<AccountList.Row> accounts(@Parameter(hidden = true) TenantId tenant,
                                              @Parameter(hidden = true) PropertyScope scope,
                                              @RequestParam(required = false) String state,
                                              @RequestParam(required = false) String utility,
                                              @RequestParam(required = false) String property,
                                              @RequestParam(required = false) Long balanceBelow,
                                              @RequestParam(required = false) Boolean supplyOff,
                                              @RequestParam(required = false) Instant lastReadingBefore,
                                              @RequestParam(required = false) Integer page,
                                              @RequestParam(required = false) Integer size,
                                              @RequestParam(required = false) String sort,
                                              @RequestParam(required = false) String cursor) {
        AccountList.Filters filters = AccountList.Filters.of(state, utility, property, balanceBelow, supplyOff,
                lastReadingBefore);
        return accounts.list(tenant, scope, filters, AccountList.window(page, size, sort, cursor, filters.values()));
    }

    @GetMapping("/api/meters")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')")
    @Operation(summary = "A page of meters; filters utility, property, supplyOff, lastReadingBefore (ISO-8601 "
            + "instant: never read or read before it); sort by meterId, unitId, propertyId, utility or lastReadAt "
            + "('-lastReadAt' descending); page from 0, size 1..200; or, for the next page however deep, cursor (the "
            + "previous page's nextCursor, same sort, no page)")
    public ListPage<MeterList.Row> meters(@Parameter(hidden = true) TenantId tenant,
                                          @Parameter(hidden = true) PropertyScope scope,
                                          @RequestParam(required = false) String utility,
                                          @RequestParam(required = false) String property,
                                          @RequestParam(required = false) Boolean supplyOff,
                                          @RequestParam(required = false) Instant lastReadingBefore,
                                          @RequestParam(required = false) Integer page,
                                          @RequestParam(required = false) Integer size,
                                          @RequestParam(required = false) String sort,
                                          @RequestParam(required = false) String cursor) {
        MeterList.Filters filters = MeterList.Filters.of(utility, property, supplyOff, lastReadingBefore);
        return meters.list(tenant, scope, filters, MeterList.window(page, size, sort, cursor, filters.values()));
    }

    public record SearchAnswer(String q, List<Search.Hit> hits) {
    }

    @GetMapping("/api/search")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')")
    @Operation(summary = "Units, accounts, meters, gateways and tariffs whose id (or name) contains q (2..100 characters), at "
            + "most 10 of each kind, an exact id first")
    public SearchAnswer search(@Parameter(hidden = true) TenantId tenant,
                               @Parameter(hidden = true) PropertyScope scope,
                               @RequestParam(required = false) String q) {
        return new SearchAnswer(q == null ? "" : q.strip(), search.search(tenant, scope, q));
    }
}
