package com.meterledger.gateway.payment;

import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The landlord's side of Stripe: connecting its Stripe account (see {@link StripeConnect}) and the platform's
 * application fee on its payments. Always the caller's own tenant.
 */
@RestController
@Tag(name = "Payments", description = "Stripe Checkout payments onto prepaid accounts")
public class ConnectController {
    private final StripeConnect connect;
    private final PaymentSettings settings;

    public ConnectController(StripeConnect connect, PaymentSettings settings) {
        this.connect = connect;
        this.settings = settings;
    }

    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @PostMapping("/api/payments/connect")
    @Operation(summary = "Create the tenant's connected Stripe account if needed, and an onboarding link to it")
    public StripeConnect.Onboarding onboard(@Parameter(hidden = true) TenantId tenant) {
        return connect.onboard(tenant);
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR')")
    @GetMapping("/api/payments/connect")
    @Operation(summary = "The connected account's state as Stripe reports it now")
    public StripeConnect.Status status(@Parameter(hidden = true) TenantId tenant) {
        return connect.refresh(tenant);
    }

    /** Where the landlord lands after onboarding (the page at the return URL calls it): stores Stripe's state. */
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @GetMapping("/api/payments/connect/return")
    @Operation(summary = "Back from onboarding: fetch and store the connected account's state")
    public StripeConnect.Status returned(@Parameter(hidden = true) TenantId tenant) {
        return connect.refresh(tenant);
    }

    /** The onboarding link lapsed or was used (Stripe's refresh URL): a fresh one. */
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @GetMapping("/api/payments/connect/refresh")
    @Operation(summary = "A fresh onboarding link for the tenant's connected account")
    public StripeConnect.Onboarding refreshed(@Parameter(hidden = true) TenantId tenant) {
        return connect.onboard(tenant);
    }

    public record FeeRequest(@NotNull @Min(0) @Max(PaymentSettings.ApplicationFee.MAX_BASIS_POINTS) Integer basisPoints,
                             @NotNull @Min(0) @Max(PaymentSettings.ApplicationFee.MAX_FIXED_MINOR) Long fixedMinor) {
    }

    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @PutMapping("/api/payments/settings")
    @Operation(summary = "Set the platform's application fee on the tenant's payments: basis points + fixed minor units")
    public PaymentSettings.ApplicationFee setFee(@Parameter(hidden = true) TenantId tenant,
                                                 @Valid @RequestBody FeeRequest request) {
        PaymentSettings.ApplicationFee fee = new PaymentSettings.ApplicationFee(request.basisPoints(),
                request.fixedMinor());
        settings.setApplicationFee(tenant, fee, SecurityContextHolder.getContext().getAuthentication().getName());
        return fee;
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE')")
    @GetMapping("/api/payments/settings")
    @Operation(summary = "The platform's application fee on the tenant's payments")
    public PaymentSettings.ApplicationFee fee(@Parameter(hidden = true) TenantId tenant) {
        return settings.applicationFee(tenant);
    }
}
