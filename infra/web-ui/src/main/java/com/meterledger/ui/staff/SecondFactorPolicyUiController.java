package com.meterledger.ui.staff;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeSecondFactorPolicy;
import com.meterledger.api.tenant.SecondFactorPolicy;
import com.meterledger.tenantadmin.tenant.TenantSecondFactorPolicy;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
    private final CommandGateway commands;
    private final SettingsUiController settings;

    public SecondFactorPolicyUiController(TenantSecondFactorPolicy policies, CommandGateway commands,
                                          SettingsUiController settings) {
        this.policies = policies;
        this.commands = commands;
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
        commands.sendAndWait(new ChangeSecondFactorPolicy(tenant, policy));
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
