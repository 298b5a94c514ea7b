package com.meterledger.ui.staff;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.tenant.SecondFactorPolicy;
import com.meterledger.tenantadmin.people.SecondFactorRequirement;
import com.meterledger.tenantadmin.tenant.TenantSecondFactorPolicy;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * access: the second-factor requirement as its own section of the settings page: the same command as
 * {@code PUT /api/tenant/settings/second-factor}. The settings page gets the tenant's policy from {@link Policy}, so
 * the settings controller stays as it is.
 */
@Controller
public class SecondFactorPolicyUiController {
    private final TenantSecondFactorPolicy policies;
    private final SecondFactorRequirement requirement;
    private final SettingsUiController settings;

    public SecondFactorPolicyUiController(TenantSecondFactorPolicy policies, SecondFactorRequirement requirement,
                                          SettingsUiController settings) {
        this.policies = policies;
        this.requirement = requirement;
        this.settings = settings;
    }

    /** An unticked box is absent from the form: not required. */
    @PostMapping("/ui/settings/second-factor")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String change(TenantId tenant, @RequestParam(required = false) Boolean required, Model model) {
        if (!policies.tenantIsData(tenant)) {
            return settings.settings(tenant, model);
        }
        SecondFactorPolicy policy = new SecondFactorPolicy(Boolean.TRUE.equals(required));
        try {
            requirement.change(tenant, policy);
        } catch (RuleViolation refused) {
            // shown in place beside the box, with the way to set one up; nothing changed
            String page = settings.settings(tenant, model);
            model.addAttribute("secondFactorRefused", refused.rule());
            return page;
        }
        String page = settings.settings(tenant, model);
        model.addAttribute("secondFactor", policy);
        model.addAttribute("secondFactorSaved", true);
        return page;
    }

    /** The tenant's policy on every page of the settings controller and of this one. */
    @ControllerAdvice(assignableTypes = {SettingsUiController.class, SecondFactorPolicyUiController.class})
    public static class Policy {
        private final TenantSecondFactorPolicy policies;

        public Policy(TenantSecondFactorPolicy policies) {
            this.policies = policies;
        }

        @ModelAttribute("secondFactor")
        public SecondFactorPolicy secondFactor(TenantId tenant) {
            return policies.policyOf(tenant);
        }
    }
}
