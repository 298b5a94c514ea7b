package com.meterledger.ui.signup;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.edge.security.PublicEndpoint;
import com.meterledger.tenantadmin.people.InvitationLinks;
import com.meterledger.tenantadmin.people.Invitations;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import com.meterledger.tenantadmin.signup.SignUpProperties;
import com.meterledger.edge.security.FormOrigin;
import com.meterledger.ui.HtmlPages;
import com.meterledger.ui.i18n.LanguageChoice;
import com.meterledger.ui.i18n.PageTexts;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The page an invitation mail links to: the invitee accepts and, if new to MeterLedger, chooses a password (the
 * sign-up rules for passwords). Calls {@link Invitations}, the bean {@code /api/invitations/acceptance} calls. The
 * mailed link is the credential; a used, expired or unknown link gets one answer. No session. An operator's
 * invitation ({@code /invitation/operator}) is the same page for the platform's operators.
 */
@Controller
@Hidden
public class InvitationPages {
    private final Invitations invitations;
    private final HtmlPages pages;
    private final FormOrigin formOrigin;
    private final PageTexts texts;
    private final PlatformPeople operators;

    public InvitationPages(Invitations invitations, HtmlPages pages, SignUpProperties properties, PageTexts texts,
                           PlatformPeople operators) {
        this.operators = operators;
        this.invitations = invitations;
        this.pages = pages;
        this.formOrigin = new FormOrigin(properties.baseUrl());
        this.texts = texts;
    }

    @GetMapping(path = "/invitation", produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("shows a form for the mailed link; the link is checked again when the form is sent")
    public ResponseEntity<String> form(@RequestParam(required = false) String token,
                                       @RequestParam(required = false) String lang, HttpServletRequest request) {
        Map<String, Object> model = model(lang, request, token);
        Optional<InvitationLinks.Pending> pending = invitations.pending(token);
        if (pending.isEmpty()) {
            // the page itself is there; what it says is that this link no longer works (sending it would be refused)
            return refused(HttpStatus.OK, model, null, texts.rule("invitation-invalid", InvitationLinks.invalidText()));
        }
        model.put("organisation", pending.get().organisation());
        model.put("choosesPassword", pending.get().choosesPassword());
        return pages.render(HttpStatus.OK, "signup/invitation", model);
    }

    @PostMapping(path = "/invitation", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("the mailed single-use link is the credential")
    public ResponseEntity<String> accept(@RequestParam(required = false) String token,
                                         @RequestParam(required = false) String password,
                                         @RequestParam(required = false) String lang, HttpServletRequest request) {
        Map<String, Object> model = model(lang, request, token);
        if (formOrigin.crossSite(request)) {
            return refused(HttpStatus.FORBIDDEN, model, null, texts.text("front.refused.cross-site"));
        }
        Optional<InvitationLinks.Pending> pending = invitations.pending(token);
        pending.ifPresent(found -> {
            model.put("organisation", found.organisation());
            model.put("choosesPassword", found.choosesPassword());
        });
        try {
            InvitationLinks.Accepted accepted = invitations.accept(token, password);
            model.put("done", texts.text("front.invitation.done.body", model.getOrDefault("organisation",
                    accepted.tenant().value())));
            return pages.render(HttpStatus.OK, "signup/invitation-done", model);
        } catch (FieldRejected e) {
            return refused(HttpStatus.BAD_REQUEST, model, e.field(), texts.rule(e));
        } catch (RuleViolation e) {
            return refused(HttpStatus.UNPROCESSABLE_ENTITY, model, null, texts.rule(e));
        }
    }

    /** An operator's invitation ({@link PlatformPeople}): the same page, rules and answers, for the platform. */
    @GetMapping(path = PlatformPeople.INVITATION_PAGE, produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("shows a form for the mailed link; the link is checked again when the form is sent")
    public ResponseEntity<String> operatorForm(@RequestParam(required = false) String token,
                                               @RequestParam(required = false) String lang,
                                               HttpServletRequest request) {
        Map<String, Object> model = operatorModel(lang, request, token);
        if (!operators.pending(token)) {
            return refused(HttpStatus.OK, model, null, texts.rule("invitation-invalid", InvitationLinks.invalidText()));
        }
        model.put("choosesPassword", true);
        return pages.render(HttpStatus.OK, "signup/invitation", model);
    }

    @PostMapping(path = PlatformPeople.INVITATION_PAGE, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("the mailed single-use link is the credential")
    public ResponseEntity<String> acceptAsOperator(@RequestParam(required = false) String token,
                                                   @RequestParam(required = false) String password,
                                                   @RequestParam(required = false) String lang,
                                                   HttpServletRequest request) {
        Map<String, Object> model = operatorModel(lang, request, token);
        if (formOrigin.crossSite(request)) {
            return refused(HttpStatus.FORBIDDEN, model, null, texts.text("front.refused.cross-site"));
        }
        boolean pending = operators.pending(token);
        model.put("choosesPassword", pending);
        try {
            operators.accept(token, password);
            model.put("done", texts.text("front.invitation.operator.done"));
            return pages.render(HttpStatus.OK, "signup/invitation-done", model);
        } catch (FieldRejected e) {
            return refused(HttpStatus.BAD_REQUEST, model, e.field(), texts.rule(e.rule(), e.reason(), e.figures()));
        } catch (RuleViolation e) {
            return refused(HttpStatus.UNPROCESSABLE_ENTITY, model, null, texts.rule(e.rule(), e.getMessage(),
                    e.figures()));
        }
    }

    private static Map<String, Object> operatorModel(String lang, HttpServletRequest request, String token) {
        Map<String, Object> model = model(lang, request, token);
        model.put("operator", true);
        return model;
    }

    private ResponseEntity<String> refused(HttpStatus status, Map<String, Object> model, String field,
                                           String reason) {
        model.put("errorField", field);
        model.put("errorLabel", field == null ? null : texts.textOr(field, "front.field." + field));
        model.put("error", reason);
        model.putIfAbsent("choosesPassword", false);
        model.put("usable", model.containsKey("organisation") || Boolean.TRUE.equals(model.get("choosesPassword"))
                && Boolean.TRUE.equals(model.get("operator")));
        return pages.render(status, "signup/invitation", model);
    }

    private static Map<String, Object> model(String lang, HttpServletRequest request, String token) {
        LanguageChoice.supported(lang).ifPresent(chosen -> {
            LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
            if (resolver != null) {
                resolver.setLocale(request, null, chosen);
            }
        });
        Map<String, Object> model = new HashMap<>();
        model.put("lang", LanguageChoice.tag(LocaleContextHolder.getLocale()));
        model.put("token", token == null ? "" : token);
        model.put("usable", true);
        model.put("operator", false);
        return model;
    }
}
