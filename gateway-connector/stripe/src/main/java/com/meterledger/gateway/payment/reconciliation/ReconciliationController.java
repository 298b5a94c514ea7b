package com.meterledger.gateway.payment.reconciliation;

import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/** Finance's view of the Stripe reconciliation ({@link StripeReconciliation}): run a day, read it, download it. */
@RestController
@Tag(name = "Payments", description = "Stripe Checkout payments onto prepaid accounts")
public class ReconciliationController {
    private final StripeReconciliation reconciliation;

    public ReconciliationController(StripeReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    public record RunRequest(@NotNull LocalDate date) {
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE')")
    @PostMapping("/api/payments/reconciliation/runs")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Reconcile a day (the tenant's, midnight to midnight in its time zone) now: Stripe balance "
            + "transactions and payouts against our ledger")
    public ReconciliationReport run(@Parameter(hidden = true) TenantId tenant, @Valid @RequestBody RunRequest request) {
        return reconciliation.run(tenant, request.date(),
                SecurityContextHolder.getContext().getAuthentication().getName());
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR')")
    @GetMapping("/api/payments/reconciliation")
    @Operation(summary = "The newest reconciliation of the day: every line with its outcome and reason")
    public ReconciliationReport report(@Parameter(hidden = true) TenantId tenant, @RequestParam LocalDate date) {
        return reconciliation.report(tenant, date);
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR')")
    @GetMapping("/api/payments/reconciliation/export")
    @Operation(summary = "The newest reconciliation of the day as CSV")
    public ResponseEntity<String> export(@Parameter(hidden = true) TenantId tenant, @RequestParam LocalDate date) {
        return ReconciliationCsv.download(reconciliation.report(tenant, date));
    }
}
