package com.meterledger.query.dashboard;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.listing.ListFilters;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.shared.TenantId;
import com.meterledger.query.account.AccountQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Head office across properties with the seed's KPIs, and figures over time per property and per account. */
@RestController
@Tag(name = "Dashboards")
public class HeadOfficeController {
    /** The longest history a request may ask for: a year of days, three years of months. */
    public static final int MAX_DAYS = 366;
    public static final int MAX_MONTHS = 36;

    private final HeadOffice headOffice;
    private final AccountQueries accounts;

    public HeadOfficeController(HeadOffice headOffice, AccountQueries accounts) {
        this.headOffice = headOffice;
        this.accounts = accounts;
    }

    @GetMapping("/api/head-office")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')")
    @Operation(summary = "Every property's figures side by side (balances held, arrears, accounts by state, today's "
            + "and this month's consumption and revenue) with the seed's KPIs: collection completeness, communication "
            + "success, control-command success against 0.9995 and the meters that missed; a manager's properties only")
    public HeadOffice.Overview overview(@Parameter(hidden = true) TenantId tenant,
                                        @Parameter(hidden = true) PropertyScope scope) {
        return headOffice.overview(tenant, scope);
    }

    @GetMapping("/api/properties/{propertyId}/history")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#propertyId, 'property', 'manage')")
    @Operation(summary = "The property's consumption per utility and revenue per currency per day (period=day, the "
            + "last 'count' days, at most 366) or per month (period=month, at most 36), oldest first")
    public List<HeadOffice.Point> propertyHistory(@Parameter(hidden = true) TenantId tenant,
                                                  @Parameter(hidden = true) PropertyScope scope,
                                                  @PathVariable String propertyId,
                                                  @RequestParam(required = false) String period,
                                                  @RequestParam(required = false) Integer count) {
        boolean monthly = monthly(period);
        return headOffice.overTime(tenant, scope, ListFilters.id("propertyId", propertyId), monthly,
                count(count, monthly));
    }

    @GetMapping("/api/accounts/{accountId}/history")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#accountId, 'account', 'manage')")
    @Operation(summary = "The account's consumption and charges per day (period=day, at most 366) or per month "
            + "(period=month, at most 36), oldest first")
    public List<HeadOffice.Point> accountHistory(@Parameter(hidden = true) TenantId tenant,
                                                 @PathVariable String accountId,
                                                 @RequestParam(required = false) String period,
                                                 @RequestParam(required = false) Integer count) {
        boolean monthly = monthly(period);
        String currency = accounts.balance(tenant, accountId).currency();
        return headOffice.accountOverTime(tenant, accountId, currency, monthly, count(count, monthly));
    }

    /** day (default) or month; anything else is refused naming the parameter. */
    public static boolean monthly(String period) {
        String code = ListFilters.oneOf("period", period, List.of("DAY", "MONTH"));
        return "MONTH".equals(code);
    }

    public static int count(Integer count, boolean monthly) {
        int max = monthly ? MAX_MONTHS : MAX_DAYS;
        int n = count == null ? (monthly ? 12 : 30) : count;
        if (n < 1 || n > max) {
            throw new FieldRejected("count", "history-count-out-of-range", "must be from 1 to " + max, max);
        }
        return n;
    }
}
