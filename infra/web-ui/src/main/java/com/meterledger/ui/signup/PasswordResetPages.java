package com.meterledger.ui.signup;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.edge.security.PublicEndpoint;
import com.meterledger.tenantadmin.people.PasswordResets;
import com.meterledger.tenantadmin.signup.SignUpProperties;
import com.meterledger.tenantadmin.signup.SignUpThrottle;
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

/**
 * "Forgot password?": a page asking for the e-mail (one answer for every address), and the page the mailed link
 * opens to choose the new password (sign-up's password rules; a used, expired or unknown link gets one answer).
 * Calls {@link PasswordResets}, the bean {@code /api/password-reset} calls. No session.
 */
@Controller
@Hidden
public class PasswordResetPages {
    private final PasswordResets resets;
    private final HtmlPages pages;
    private final FormOrigin formOrigin;
    private final PageTexts texts;

    public PasswordResetPages(PasswordResets resets, HtmlPages pages, SignUpProperties properties, PageTexts texts) {
        this.resets = resets;
        this.pages = pages;
        this.formOrigin = new FormOrigin(properties.baseUrl());
        this.texts = texts;
    }

    @GetMapping(path = "/password-reset", produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("a form asking for an e-mail address; no data")
    public ResponseEntity<String> ask(@RequestParam(required = false) String lang, HttpServletRequest request) {
        return pages.render(HttpStatus.OK, "signup/password-reset", model(lang, request));
    }

    @PostMapping(path = "/password-reset", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("one answer for every address; limited per client address")
    public ResponseEntity<String> asked(@RequestParam(required = false) String email,
                                        @RequestParam(required = false) String lang, HttpServletRequest request) {
        Map<String, Object> model = model(lang, request);
        if (formOrigin.crossSite(request)) {
            model.put("error", texts.text("front.refused.cross-site"));
            return pages.render(HttpStatus.FORBIDDEN, "signup/password-reset", model);
        }
        try {
            resets.request(email, request.getRemoteAddr());
        } catch (SignUpThrottle.Throttled e) {
            model.put("error", texts.text("front.reset.throttled"));
            return pages.render(HttpStatus.TOO_MANY_REQUESTS, "signup/password-reset", model);
        } catch (FieldRejected e) {
            model.put("error", texts.rule(e));
            return pages.render(HttpStatus.BAD_REQUEST, "signup/password-reset", model);
        }
        model.put("asked", true);
        return pages.render(HttpStatus.OK, "signup/password-reset", model);
    }

    @GetMapping(path = "/password-reset/new", produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("shows a form for the mailed link; the link is checked again when the form is sent")
    public ResponseEntity<String> choose(@RequestParam(required = false) String token,
                                         @RequestParam(required = false) String lang, HttpServletRequest request) {
        Map<String, Object> model = model(lang, request);
        model.put("token", token == null ? "" : token);
        if (!resets.usable(token)) {
            // the page is there; what it says is that this link no longer works
            return refused(HttpStatus.OK, model, null,
                    texts.rule("password-reset-invalid", PasswordResets.invalidText()), false);
        }
        model.put("usable", true);
        return pages.render(HttpStatus.OK, "signup/password-reset-new", model);
    }

    @PostMapping(path = "/password-reset/new", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("the mailed single-use link is the credential")
    public ResponseEntity<String> chosen(@RequestParam(required = false) String token,
                                         @RequestParam(required = false) String password,
                                         @RequestParam(required = false) String lang, HttpServletRequest request) {
        Map<String, Object> model = model(lang, request);
        model.put("token", token == null ? "" : token);
        if (formOrigin.crossSite(request)) {
            return refused(HttpStatus.FORBIDDEN, model, null, texts.text("front.refused.cross-site"), false);
        }
        try {
            resets.complete(token, password);
            return pages.render(HttpStatus.OK, "signup/password-reset-done", model);
        } catch (FieldRejected e) {
            return refused(HttpStatus.BAD_REQUEST, model, e.field(), texts.rule(e), true);
        } catch (RuleViolation e) {
            return refused(HttpStatus.UNPROCESSABLE_ENTITY, model, null, texts.rule(e),
                    false);
        }
    }

    private ResponseEntity<String> refused(HttpStatus status, Map<String, Object> model, String field, String reason,
                                           boolean usable) {
        model.put("errorField", field);
        model.put("errorLabel", field == null ? null : texts.textOr(field, "front.field." + field));
        model.put("error", reason);
        model.put("usable", usable);
        return pages.render(status, "signup/password-reset-new", model);
    }

    private static Map<String, Object> model(String lang, HttpServletRequest request) {
        LanguageChoice.supported(lang).ifPresent(chosen -> {
            LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
            if (resolver != null) {
                resolver.setLocale(request, null, chosen);
            }
        });
        Map<String, Object> model = new HashMap<>();
        model.put("lang", LanguageChoice.tag(LocaleContextHolder.getLocale()));
        return model;
    }
}
