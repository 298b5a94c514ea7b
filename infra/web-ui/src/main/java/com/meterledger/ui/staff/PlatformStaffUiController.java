package com.meterledger.ui.staff;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.tenantadmin.people.OperatorSecondFactorResets;
import com.meterledger.tenantadmin.platform.PlatformOperatorsController;
import com.meterledger.ui.i18n.PageTexts;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * An operator helps a tenant's person who lost their phone: finds them by exact e-mail address (their name and the
 * tenants they work for, nothing more) and, after a confirmation, resets their second factor in every tenant. Both
 * steps call {@link OperatorSecondFactorResets}, the bean {@code /api/platform/staff} calls, with the same rules; a
 * refusal shows the rule in the reader's words and changes nothing. A tenant's people never reach it (403).
 */
@Controller
@RequestMapping("/ui/platform/staff")
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
public class PlatformStaffUiController {
    private final OperatorSecondFactorResets resets;
    private final PageTexts texts;

    public PlatformStaffUiController(OperatorSecondFactorResets resets, PageTexts texts) {
        this.resets = resets;
        this.texts = texts;
    }

    @GetMapping
    public String page(@RequestParam(required = false) String email, Model model, HttpServletResponse response) {
        model.addAttribute("email", email == null ? "" : email);
        if (email == null || email.isBlank()) {
            return "ui/platform-staff";
        }
        try {
            model.addAttribute("found", resets.find(email));
        } catch (FieldRejected e) {
            model.addAttribute("errorField", e.field());
            model.addAttribute("error", texts.rule(e.rule(), e.reason(), e.figures()));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        } catch (NotFound e) {
            model.addAttribute("notFound", true);
            response.setStatus(HttpStatus.NOT_FOUND.value());
        }
        return "ui/platform-staff";
    }

    @PostMapping("/{personId}/second-factor-removal")
    public String reset(@PathVariable String personId, Model model, HttpServletResponse response) {
        model.addAttribute("email", "");
        try {
            model.addAttribute("reset", resets.reset(personId, PlatformOperatorsController.actor()));
        } catch (RuleViolation e) {
            model.addAttribute("error", texts.rule(e.rule(), e.getMessage(), e.figures()));
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        }
        return "ui/platform-staff";
    }
}
