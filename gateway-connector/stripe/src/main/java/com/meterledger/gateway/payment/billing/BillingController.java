package com.meterledger.gateway.payment.billing;

import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The tenant's own subscription to the platform (its tenant from the token only): the plan, Stripe's status, the
 * trial's end and the last invoice; a Checkout to subscribe, a Customer Portal session to manage. Open to a suspended
 * tenant's administrator too, who must be able to settle (the staff-write gate lets these paths through).
 */
@RestController
@RequestMapping(BillingController.PATH)
@PreAuthorize("hasRole('TENANT_ADMIN')")
@Tag(name = "Billing", description = "The tenant's subscription to MeterLedger (Stripe Billing)")
public class BillingController {
    public static final String PATH = "/api/tenant/billing";
    private final SubscriptionBilling billing;

    public BillingController(SubscriptionBilling billing) {
        this.billing = billing;
    }

    public record PlanChoice(String plan) {
    }

    public record Redirect(String url) {
    }

    @GetMapping
    @Operation(summary = "The tenant's plan, subscription state, trial end, last invoice and active meters")
    public SubscriptionBilling.BillingState state(@Parameter(hidden = true) TenantId tenant) {
        return billing.state(tenant);
    }

    @GetMapping("/plans")
    @Operation(summary = "The plans on offer (per active meter per month, tiered, with a free trial)")
    public List<SubscriptionBilling.PlanOffer> plans() {
        return billing.plans();
    }

    @PostMapping("/checkout-sessions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Subscribe to a plan: a Stripe Checkout page in subscription mode, with the plan's trial")
    public Redirect checkout(@Parameter(hidden = true) TenantId tenant, @RequestBody(required = false) PlanChoice body) {
        return new Redirect(billing.checkout(tenant, body == null ? null : body.plan()));
    }

    @PostMapping("/portal-sessions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Manage card, plan and invoices: a Stripe Customer Portal page")
    public Redirect portal(@Parameter(hidden = true) TenantId tenant) {
        return new Redirect(billing.portal(tenant));
    }
}
