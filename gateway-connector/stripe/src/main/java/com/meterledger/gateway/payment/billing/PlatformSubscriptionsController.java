package com.meterledger.gateway.payment.billing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The platform operator's view of what every tenant pays the platform: plan, Stripe's status, trial end, last invoice,
 * grace period, active meters. Billing facts only; none of a tenant's business data.
 */
@RestController
@RequestMapping("/api/platform/subscriptions")
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
@Tag(name = "Platform", description = "The platform operator's console")
public class PlatformSubscriptionsController {
    private final SubscriptionBilling billing;

    public PlatformSubscriptionsController(SubscriptionBilling billing) {
        this.billing = billing;
    }

    @GetMapping
    @Operation(summary = "Every tenant's subscription: plan, state, trial end, last invoice, active meters")
    public List<SubscriptionBilling.PlatformRow> subscriptions() {
        return billing.everyTenant();
    }
}
