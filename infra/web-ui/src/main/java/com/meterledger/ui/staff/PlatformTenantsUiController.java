package com.meterledger.ui.staff;

import com.meterledger.api.shared.TenantId;
import com.meterledger.gateway.payment.billing.SubscriptionBilling;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import com.meterledger.tenantadmin.tenant.PlatformTenantsController;
import com.meterledger.tenantadmin.tenant.TenantDirectory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The platform operator's console as a page: every tenant with its state, plan, active meters, trial end and last
 * invoice; suspend and resume with a reason. The same beans as {@code /api/platform/tenants} and
 * {@code /api/platform/subscriptions}; the operator has no tenant and sees none of a tenant's data. A suspended tenant
 * says why: the operator's hold (which operator, since when, the reason) and billing's for an unpaid invoice, each
 * lifted by its own cause only (Resume shows only on the operator's hold).
 */
@Controller
@RequestMapping("/ui/platform/tenants")
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
public class PlatformTenantsUiController {
    private final TenantDirectory directory;
    private final SubscriptionBilling billing;
    private final PlatformTenantsController tenants;
    private final PlatformPeople operators;

    public PlatformTenantsUiController(TenantDirectory directory, SubscriptionBilling billing,
                                       PlatformTenantsController tenants, PlatformPeople operators) {
        this.directory = directory;
        this.billing = billing;
        this.tenants = tenants;
        this.operators = operators;
    }

    /**
     * A tenant's directory row beside its billing row (null: it never asked for a subscription) and the name of the
     * operator holding it (the actor itself when it is no operator of the platform's people, null when none holds it).
     */
    public record Row(TenantDirectory.PlatformRow tenant, SubscriptionBilling.PlatformRow billing, String heldBy) {
    }

    @GetMapping
    public String page(Model model) {
        Map<String, SubscriptionBilling.PlatformRow> billed = billing.everyTenant().stream()
                .collect(Collectors.toMap(SubscriptionBilling.PlatformRow::tenantId, Function.identity()));
        List<Row> rows = directory.everyTenant().stream()
                .map(tenant -> new Row(tenant, billed.get(tenant.tenantId()), heldBy(tenant))).toList();
        model.addAttribute("rows", rows);
        return "ui/platform-tenants";
    }

    private String heldBy(TenantDirectory.PlatformRow tenant) {
        String actor = tenant.suspension().operatorActor();
        if (!tenant.suspension().byOperator() || actor == null) {
            return null;
        }
        return operators.byPrincipal(actor).map(PlatformPeople.Operator::name).orElse(actor);
    }

    @PostMapping("/{tenantId}/suspension")
    public String suspend(@PathVariable TenantId tenantId, @RequestParam(required = false) String reason, Model model) {
        model.addAttribute("changed", tenants.suspend(tenantId, new PlatformTenantsController.Reason(reason)));
        return page(model);
    }

    @PostMapping("/{tenantId}/resumption")
    public String resume(@PathVariable TenantId tenantId, @RequestParam(required = false) String reason, Model model) {
        model.addAttribute("changed", tenants.resume(tenantId, new PlatformTenantsController.Reason(reason)));
        return page(model);
    }
}
