package com.meterledger.core.payment.web;

import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** The API of {@link OfflinePayments}: record a cash-desk or bank-transfer top-up (its receipt is the web UI's page). */
@RestController
@Tag(name = "Payments", description = "Stripe Checkout payments onto prepaid accounts")
public class OfflinePaymentController {
    private final OfflinePayments offlinePayments;

    public OfflinePaymentController(OfflinePayments offlinePayments) {
        this.offlinePayments = offlinePayments;
    }

    @PostMapping("/api/accounts/{accountId}/offline-payments")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE')")
    @Operation(summary = "Record a cash-desk or bank-transfer top-up under its receipt number (idempotent)")
    public ResponseEntity<Map<String, Object>> record(@Parameter(hidden = true) TenantId tenant,
                                                      @PathVariable String accountId,
                                                      @Valid @RequestBody OfflinePayments.OfflinePaymentRequest request) {
        OfflinePayments.Recorded recorded = offlinePayments.record(tenant, accountId, request);
        return ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK).body(recorded.answer());
    }
}
