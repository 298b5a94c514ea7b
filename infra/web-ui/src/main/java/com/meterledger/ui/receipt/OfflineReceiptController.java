package com.meterledger.ui.receipt;

import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The API's door to an offline payment's printable receipt ({@link OfflineReceiptPages}). */
@RestController
@Tag(name = "Payments", description = "Stripe Checkout payments onto prepaid accounts")
public class OfflineReceiptController {
    private final OfflineReceiptPages receipts;

    public OfflineReceiptController(OfflineReceiptPages receipts) {
        this.receipts = receipts;
    }

    @GetMapping("/api/accounts/{accountId}/receipts/{receiptNumber}")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR')")
    @Operation(summary = "The printable receipt of an offline payment (HTML)")
    public ResponseEntity<String> receipt(@Parameter(hidden = true) TenantId tenant, @PathVariable String accountId,
                                          @PathVariable String receiptNumber) {
        return receipts.render(tenant, accountId, receiptNumber);
    }
}
