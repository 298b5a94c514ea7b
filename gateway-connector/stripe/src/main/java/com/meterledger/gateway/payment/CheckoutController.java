package com.meterledger.gateway.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Landlord staff start a Stripe Checkout for an account (see {@link CheckoutService}); the tenant and actor are the
 * token's.
 */
@RestController
@Tag(name = "Payments", description = "Stripe Checkout payments onto prepaid accounts")
public class CheckoutController {
    private final CheckoutService checkouts;

    public CheckoutController(CheckoutService checkouts) {
        this.checkouts = checkouts;
    }

    public record CheckoutRequest(long amountMinor, @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency) {
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE')")
    @PostMapping("/api/accounts/{accountId}/checkout-sessions")
    @Operation(summary = "Create a Stripe Checkout Session paying the amount onto the account")
    public ResponseEntity<Map<String, String>> create(@Parameter(hidden = true) TenantId tenant,
                                                      @PathVariable String accountId,
                                                      @Valid @RequestBody CheckoutRequest request) {
        String actor = SecurityContextHolder.getContext().getAuthentication().getName();
        CheckoutService.Started started = checkouts.start(tenant, new AccountId(accountId),
                Money.of(request.amountMinor(), request.currency()), actor, "api");
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("paymentId", started.paymentId(),
                "checkoutSessionId", started.checkoutSessionId(), "url", started.url()));
    }
}
