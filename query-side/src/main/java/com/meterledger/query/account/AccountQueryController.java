package com.meterledger.query.account;

import org.springframework.security.access.prepost.PreAuthorize;
import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Accounts")
public class AccountQueryController {
    private final AccountQueries queries;

    public AccountQueryController(AccountQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/{accountId}")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#accountId, 'account', 'manage')")
    @Operation(summary = "The account's balance and latest reading, as projected from its events")
    public AccountQueries.AccountBalance balance(@Parameter(hidden = true) TenantId tenant,
                                                 @PathVariable String accountId) {
        return queries.balance(tenant, accountId);
    }

    @GetMapping("/{accountId}/statement")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#accountId, 'account', 'manage')")
    @Operation(summary = "Opening balance, each credit and charge, closing balance; the period defaults to all of it")
    public AccountQueries.Statement statement(@Parameter(hidden = true) TenantId tenant, @PathVariable String accountId,
                                              @RequestParam(required = false) Instant from,
                                              @RequestParam(required = false) Instant to) {
        return queries.statement(tenant, accountId, from, to);
    }
}
