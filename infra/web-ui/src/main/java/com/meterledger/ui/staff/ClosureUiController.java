package com.meterledger.ui.staff;

import com.meterledger.api.shared.TenantId;
import com.meterledger.tenantadmin.tenant.TenantClosureController;
import com.meterledger.tenantadmin.tenant.TenantDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.util.Map;

/**
 * The tenant administrator's closure page: what closing does (export first; personal data erased; the financial
 * record kept for the platform's retention period; the plan's subscription cancelled at Stripe), then closing, which
 * needs the tenant's id typed again and a reason. The same bean and rules as {@code POST /api/tenant/closure}; a
 * refusal shows in place with its field and rule, and nothing changes. Once closed, the administrator's own sign-in
 * is erased with the rest, so the answer is a page of its own and the session ends.
 */
@Controller
@RequestMapping("/ui/closure")
@PreAuthorize("hasRole('TENANT_ADMIN')")
public class ClosureUiController {
    private final TenantClosureController closure;
    private final TenantDirectory directory;
    private final Forms forms;

    public ClosureUiController(TenantClosureController closure, TenantDirectory directory, Forms forms) {
        this.closure = closure;
        this.directory = directory;
        this.forms = forms;
    }

    @GetMapping
    public String page(TenantId tenant, Model model) {
        Forms.defaultForm(model, Map.of("confirmTenantId", "", "reason", ""));
        return show(tenant, model);
    }

    @PostMapping
    public String close(TenantId tenant, @RequestParam(required = false) String confirmTenantId,
                        @RequestParam(required = false) String reason, Model model, HttpServletRequest request) {
        model.addAttribute("form", Map.of("confirmTenantId", confirmTenantId == null ? "" : confirmTenantId,
                "reason", reason == null ? "" : reason));
        if (!forms.attempt(model, "closure", () -> closure.close(tenant,
                new TenantClosureController.ClosureRequest(confirmTenantId, reason)))) {
            return show(tenant, model);
        }
        model.addAttribute("tenantId", tenant.value());
        model.addAttribute("retainUntil", LocalDate.now(zoneOf(model)).plus(directory.retention()));
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "ui/closed";
    }

    private String show(TenantId tenant, Model model) {
        model.addAttribute("tenantId", tenant.value());
        model.addAttribute("tenant", directory.find(tenant).orElse(null));
        model.addAttribute("retainUntil", LocalDate.now(zoneOf(model)).plus(directory.retention()));
        return "ui/closure";
    }

    private static java.time.ZoneId zoneOf(Model model) {
        return model.getAttribute("fmt") instanceof UiFormat fmt ? fmt.zone() : java.time.ZoneOffset.UTC;
    }
}
