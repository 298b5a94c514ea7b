package com.meterledger.ui.staff;

import com.meterledger.api.shared.TenantId;
import com.meterledger.gateway.payment.billing.SubscriptionBilling;
import com.meterledger.query.export.ExportJobs;
import com.meterledger.tenantadmin.tenant.TenantDirectory;
import com.meterledger.edge.security.ContentSecurityPolicy;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The tenant administrator's billing page: the plan, the tenant's state with the platform, the trial's end, the last
 * invoice and the active meters against the plan's limit; Subscribe goes to Stripe Checkout, Manage to the Customer
 * Portal. The same bean and rules as {@code /api/tenant/billing}; open to a suspended tenant (the way out).
 */
@Controller
@RequestMapping("/ui/billing")
@PreAuthorize("hasRole('TENANT_ADMIN')")
public class BillingUiController {
    private final SubscriptionBilling billing;
    private final TenantDirectory directory;
    private final ExportJobs exports;
    private final String csp;

    public BillingUiController(SubscriptionBilling billing, TenantDirectory directory, ExportJobs exports,
                               @Value("${meterledger.pay.checkout-origin:https://checkout.stripe.com}")
                               String checkoutOrigin,
                               @Value("${meterledger.billing.portal-origin:https://billing.stripe.com}")
                               String portalOrigin) {
        this.billing = billing;
        this.directory = directory;
        this.exports = exports;
        // the forms' answers redirect to Checkout and the Portal: form-action must allow them, or browsers stop there
        this.csp = ContentSecurityPolicy.allowingFormsTo(checkoutOrigin.equals(portalOrigin) ? checkoutOrigin
                : checkoutOrigin + " " + portalOrigin);
    }

    @GetMapping
    public String page(TenantId tenant, @RequestParam(required = false) String checkout,
                       @RequestParam(required = false) String export, Model model, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", csp);
        model.addAttribute("billing", billing.state(tenant));
        model.addAttribute("tenant", directory.find(tenant).orElse(null));
        model.addAttribute("suspension", directory.suspension(tenant).orElse(null));
        model.addAttribute("checkoutDone", "done".equals(checkout));
        // export: the tenant's export job named in the address, if it is one of this tenant's (else no section state)
        var job = export == null ? null : exports.findTenantArchive(tenant, export).orElse(null);
        model.addAttribute("export", job);
        if (job != null && ("QUEUED".equals(job.status()) || "RUNNING".equals(job.status()))) {
            response.setHeader("Refresh", "2");     // the progress shows itself without a script
        }
        return "ui/billing";
    }

    /** To Stripe Checkout (303); an unknown plan or one too small comes back as this page's refusal. */
    @PostMapping("/checkout")
    public String checkout(TenantId tenant, @RequestParam(required = false) String plan) {
        return "redirect:" + billing.checkout(tenant, plan);
    }

    @PostMapping("/portal")
    public String portal(TenantId tenant) {
        return "redirect:" + billing.portal(tenant);
    }
}
