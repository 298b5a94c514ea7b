package com.meterledger.ui.staff;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.people.StaffRules;
import com.meterledger.edge.security.Caller;
import com.meterledger.tenantadmin.people.OperatorSignIns;
import com.meterledger.tenantadmin.people.SecondFactorRemovals;
import com.meterledger.tenantadmin.people.SecondFactors;
import com.meterledger.tenantadmin.people.SignInSteps;
import com.meterledger.tenantadmin.people.Totp;
import com.meterledger.ui.i18n.PageTexts;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Optional;
import java.util.UUID;

/**
 * A signed-in person enrols a TOTP second factor: the page shows the shared secret as text and as an
 * {@code otpauth://} URI for an authenticator app, and keeps it once the app's first code matches. The secret waits
 * in the person's own session until then, and afterwards only in the person table ({@link SecondFactors}).
 * A platform operator ({@code platform:<id>}) enrols on the same page, into their own row ({@link OperatorSignIns}).
 * With one, the page removes it (to move it to a new phone) with the current password and code, the same rules as
 * {@code POST /api/me/second-factor-removal} ({@link SecondFactorRemovals}); where one is required the page says so
 * instead of offering the form. A wrong password or code that locks the person out ends this session too, and the
 * browser goes to sign-in, where the lockout refuses them until it ends.
 */
@Controller
public class SecondFactorUiController {
    private static final String OFFERED = SecondFactorUiController.class.getName() + ".SECRET";

    private final SecondFactors secondFactors;
    private final OperatorSignIns operators;
    private final SecondFactorRemovals removals;
    private final PageTexts texts;

    public SecondFactorUiController(SecondFactors secondFactors, OperatorSignIns operators,
                                    SecondFactorRemovals removals, PageTexts texts) {
        this.secondFactors = secondFactors;
        this.operators = operators;
        this.removals = removals;
        this.texts = texts;
    }

    /** Whose page it is: a tenant's person or a platform operator. */
    private record Holder(SecondFactors.Holder kind, UUID id) {
    }

    @GetMapping("/ui/me/second-factor")
    @PreAuthorize("isAuthenticated()")
    public String page(HttpSession session, Model model) {
        Optional<Holder> person = holder();
        model.addAttribute("person", person.isPresent());
        if (person.isEmpty()) {
            return "ui/second-factor";
        }
        boolean enrolled = secondFactors.enrolled(person.get().kind(), person.get().id());
        model.addAttribute("enrolled", enrolled);
        if (enrolled) {
            model.addAttribute("requiredBy", removals.requirementOf(principal()).name());
        } else {
            String secret = (String) session.getAttribute(OFFERED);
            if (secret == null) {
                secret = Totp.newSecret();
                session.setAttribute(OFFERED, secret);
            }
            model.addAttribute("secret", secret);
            model.addAttribute("uri", Totp.uri("MeterLedger", SignedIn.current().name(), secret));
        }
        return "ui/second-factor";
    }

    @PostMapping("/ui/me/second-factor")
    @PreAuthorize("isAuthenticated()")
    public String enrol(@RequestParam(required = false) String code, HttpSession session, Model model,
                        HttpServletResponse response) {
        Optional<Holder> person = holder();
        if (person.isPresent() && !enrolled(person.get()) && enrol(person.get(), (String) session.getAttribute(OFFERED),
                code)) {
            session.removeAttribute(OFFERED);
            model.addAttribute("saved", true);
        } else if (person.isPresent() && !enrolled(person.get())) {
            model.addAttribute("refused", true);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        String page = page(session, model);
        return page;
    }

    /**
     * Removes the person's own second factor, confirmed with their current password and code; a refusal is shown in
     * place (400 for a field, 422 for a rule), nothing removed. Afterwards the page offers a new key at once.
     */
    @PostMapping("/ui/me/second-factor/removal")
    @PreAuthorize("isAuthenticated()")
    public String remove(@RequestParam(required = false) String password, @RequestParam(required = false) String code,
                         HttpSession session, Model model, HttpServletResponse response) {
        try {
            removals.removeOwn(principal(), password, code);
            model.addAttribute("removed", true);
        } catch (FieldRejected refused) {
            model.addAttribute("removalRefused", texts.rule(refused));
            model.addAttribute("removalField", refused.field());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        } catch (RuleViolation refused) {
            if (StaffRules.SECOND_FACTOR_REMOVAL_SIGNED_OUT.equals(refused.rule())) {
                SecurityContextHolder.clearContext();
                session.invalidate();
                // the sign-in page says why at once, as it does after wrong passwords
                return "redirect:/login?locked";
            }
            model.addAttribute("removalRefused", texts.rule(refused));
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        }
        return page(session, model);
    }

    private static String principal() {
        return Caller.current().map(Authentication::getName).orElse(null);
    }

    private boolean enrolled(Holder holder) {
        return secondFactors.enrolled(holder.kind(), holder.id());
    }

    private boolean enrol(Holder holder, String secret, String code) {
        return holder.kind() == SecondFactors.Holder.OPERATOR
                ? operators.enrolSecondFactor(holder.id(), secret, code, OperatorSignIns.PREFIX + holder.id())
                : secondFactors.enrol(holder.id(), secret, code);
    }

    private static Optional<Holder> holder() {
        return Caller.current().flatMap(jwt -> SignInSteps.personOf(jwt.getName())
                .map(person -> new Holder(SecondFactors.Holder.STAFF, person))
                .or(() -> OperatorSignIns.operatorOf(jwt.getName())
                        .map(operator -> new Holder(SecondFactors.Holder.OPERATOR, operator))));
    }
}
