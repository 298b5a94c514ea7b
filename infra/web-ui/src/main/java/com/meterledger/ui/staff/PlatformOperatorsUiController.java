package com.meterledger.ui.staff;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.tenantadmin.platform.PlatformOperatorsController;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import com.meterledger.ui.i18n.PageTexts;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's operators as a page, for the operators: the list with each one's state, the invitation form,
 * deactivation, and the latest changes with who made them. Each form calls {@link PlatformPeople}, the bean
 * {@code /api/platform/operators} calls, with the same rules; a refusal shows the rule in the reader's words and the
 * field it names, and stores nothing. A tenant's people never reach it (403).
 */
@Controller
@RequestMapping("/ui/platform/operators")
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
public class PlatformOperatorsUiController {
    private final PlatformPeople operators;
    private final PageTexts texts;

    public PlatformOperatorsUiController(PlatformPeople operators, PageTexts texts) {
        this.operators = operators;
        this.texts = texts;
    }

    /** The invitation form as the operator filled it in. */
    public record OperatorForm(String name, String email) {
        static OperatorForm empty() {
            return new OperatorForm("", "");
        }
    }

    /** A change as the page shows it: the operator's and the actor's names (an actor who is no operator by itself). */
    public record ChangeRow(String operator, String change, String actor, java.time.Instant at) {
    }

    @GetMapping
    public String page(Model model) {
        return page(model, OperatorForm.empty());
    }

    @PostMapping
    public String invite(@ModelAttribute OperatorForm form, Model model, HttpServletResponse response) {
        try {
            PlatformPeople.Invited invited = operators.invite(new PlatformPeople.NewOperator(form.name(),
                    form.email()), PlatformOperatorsController.actor(), LocaleContextHolder.getLocale());
            model.addAttribute("invited", invited.operator().email());
            return page(model, OperatorForm.empty());
        } catch (FieldRejected e) {
            refused(model, e.field(), texts.rule(e.rule(), e.reason(), e.figures()), response);
        } catch (RuleViolation e) {
            refused(model, null, texts.rule(e.rule(), e.getMessage(), e.figures()), response);
        }
        return page(model, form);
    }

    @PostMapping("/{personId}/deactivation")
    public String deactivate(@PathVariable String personId, Model model, HttpServletResponse response) {
        try {
            PlatformPeople.OperatorView operator = operators.deactivate(personId,
                    PlatformOperatorsController.actor());
            model.addAttribute("deactivated", operator.name());
        } catch (RuleViolation e) {
            refused(model, null, texts.rule(e.rule(), e.getMessage(), e.figures()), response);
        }
        return page(model, OperatorForm.empty());
    }

    @PostMapping("/{personId}/second-factor-removal")
    public String removeSecondFactor(@PathVariable String personId, Model model) {
        PlatformPeople.OperatorView operator = operators.removeSecondFactor(personId,
                PlatformOperatorsController.actor());
        model.addAttribute("secondFactorRemoved", operator.name());
        return page(model, OperatorForm.empty());
    }

    private String page(Model model, OperatorForm form) {
        List<PlatformPeople.OperatorView> all = operators.list();
        Map<String, String> names = new HashMap<>();
        all.forEach(operator -> names.put(PlatformPeople.PRINCIPAL_PREFIX + operator.personId(), operator.name()));
        Map<String, String> byId = new HashMap<>();
        all.forEach(operator -> byId.put(operator.personId(), operator.name()));
        model.addAttribute("operators", all);
        model.addAttribute("changes", operators.history(50).stream()
                .map(change -> new ChangeRow(byId.getOrDefault(change.personId(), change.personId()),
                        change.change(), names.getOrDefault(change.actor(),
                        texts.textOr(change.actor(), "actor.system." + change.actor())), change.at()))
                .toList());
        model.addAttribute("form", form);
        return "ui/platform-operators";
    }

    private static void refused(Model model, String field, String reason, HttpServletResponse response) {
        model.addAttribute("errorField", field);
        model.addAttribute("error", reason);
        response.setStatus(field == null ? HttpStatus.UNPROCESSABLE_ENTITY.value() : HttpStatus.BAD_REQUEST.value());
    }
}
