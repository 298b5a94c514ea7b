package com.meterledger.query.audit;

import org.springframework.security.access.prepost.PreAuthorize;
import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * Auditor tools: an account's balance at any instant replayed from the event store, a reconciliation of the
 * projection against the store, and projection rebuilds with progress.
 * <p>
 * The tenant endpoints (balance, reconciliation) read only the caller's tenant: another tenant's account is 404.
 * The rebuild endpoints are platform-level (the projection is shared by all tenants): platform admins only.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit")
public class AuditController {
    private final PointInTimeBalance pointInTime;
    private final Reconciliation reconciliation;
    private final ProjectionRebuilds rebuilds;

    public AuditController(PointInTimeBalance pointInTime, Reconciliation reconciliation, ProjectionRebuilds rebuilds) {
        this.pointInTime = pointInTime;
        this.reconciliation = reconciliation;
        this.rebuilds = rebuilds;
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR')")
    @GetMapping("/accounts/{accountId}/balance")
    @Operation(summary = "The account's balance as of an instant, replayed from its events (not from a projection), "
            + "beside the projection's value and ledger line count")
    public PointInTimeBalance.Answer balanceAt(@Parameter(hidden = true) TenantId tenant,
                                               @PathVariable String accountId, @RequestParam Instant at) {
        return pointInTime.at(tenant, accountId, at);
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR')")
    @GetMapping("/reconciliation")
    @Operation(summary = "Compares every projected account of the tenant with a replay of its events; reports drift. "
            + "Paged by account id: pass nextAfter as after")
    public Reconciliation.Report reconcile(@Parameter(hidden = true) TenantId tenant,
                                           @RequestParam(required = false) String after,
                                           @RequestParam(required = false) Integer limit) {
        return reconciliation.reconcile(tenant, after, limit);
    }

    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @PostMapping("/projections/{projection}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Platform operators only: rebuild a projection (all tenants) from the event store")
    public ProjectionRebuilds.Status rebuild(@PathVariable String projection) {
        return rebuilds.rebuild(projection);
    }

    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @GetMapping("/projections/{projection}/rebuild/status")
    @Operation(summary = "Platform operators only: progress of a projection rebuild (percent, events/s, time left)")
    public ProjectionRebuilds.Status rebuildStatus(@PathVariable String projection) {
        return rebuilds.status(projection);
    }
}
