package com.meterledger.ui.signup;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.edge.security.PublicEndpoint;
import com.meterledger.tenantadmin.signup.SignUpProperties;
import com.meterledger.tenantadmin.signup.SignUpRequest;
import com.meterledger.tenantadmin.signup.SignUpThrottle;
import com.meterledger.tenantadmin.signup.SignUps;
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
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The public front door: a home page at {@code /}, the login page, the sign-up form, and the page the verification
 * mail links to.
 * Each form calls {@link SignUps}, the bean the API calls, with the same rules; a refusal re-renders the form with
 * the field named. In the visitor's language (zh-CN or English: {@code ?lang=}, else as every page decides it), no
 * session.
 */
@Controller
@Hidden
public class SignUpPages {
    private final SignUps signUps;
    private final HtmlPages pages;
    private final FormOrigin formOrigin;
    private final PageTexts texts;

    public SignUpPages(SignUps signUps, HtmlPages pages, SignUpProperties properties, PageTexts texts) {
        this.texts = texts;
        this.signUps = signUps;
        this.pages = pages;
        this.formOrigin = new FormOrigin(properties.baseUrl());
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("a page without any tenant's data")
    public ResponseEntity<String> home(@RequestParam(required = false) String lang, HttpServletRequest request) {
        return pages.render(HttpStatus.OK, "signup/home", model(lang, request));
    }

    /**
     * The issuer's login page, branded and in the visitor's language, with the way to sign up. The form posts to the
     * issuer's own login filter; the CSRF token is the login chain's.
     */
    @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("the sign-in form; the credentials are checked by the issuer's login filter")
    public ResponseEntity<String> login(@RequestParam(required = false) String lang,
                                        @RequestParam(required = false) String error,
                                        @RequestParam(required = false) String logout,
                                        @RequestParam(required = false) String locked, HttpServletRequest request) {
        Map<String, Object> model = model(lang, request);
        model.put("locked", locked != null);
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        model.put("csrf", csrf == null ? "" : csrf.getToken());
        model.put("failed", error != null);
        model.put("signedOut", logout != null);
        return pages.render(HttpStatus.OK, "signup/login", model);
    }

    @GetMapping(path = "/signup", produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("a form without any tenant's data")
    public ResponseEntity<String> form(@RequestParam(required = false) String lang, HttpServletRequest request) {
        Map<String, Object> model = model(lang, request);
        model.put("form", values(new SignUpRequest("", "", "CN", "CNY", "Asia/Shanghai", model.get("lang").toString(),
                "", "")));
        return pages.render(HttpStatus.OK, "signup/form", model);
    }

    @PostMapping(path = "/signup", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("sign-up: limited per address, and nothing is usable before the mailed link is opened")
    public ResponseEntity<String> signUp(@ModelAttribute SignUpRequest form, @RequestParam(required = false) String lang,
                                         HttpServletRequest request) {
        Map<String, Object> model = model(lang, request);
        model.put("form", values(form));
        if (formOrigin.crossSite(request)) {
            return refused(HttpStatus.FORBIDDEN, "signup/form", model, null, text("refused.cross-site"));
        }
        try {
            SignUps.Started started = signUps.signUp(form, request.getRemoteAddr());
            Locale locale = LocaleContextHolder.getLocale();
            String until = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                    .format(started.verificationExpiresAt().atZone(zoneOf(form)));
            model.put("sent", text("sent.body", until));
            return pages.render(HttpStatus.ACCEPTED, "signup/sent", model);
        } catch (FieldRejected e) {
            return refused(HttpStatus.BAD_REQUEST, "signup/form", model, e.field(),
                    texts.rule(e));
        } catch (SignUpThrottle.Throttled e) {
            return refused(HttpStatus.TOO_MANY_REQUESTS, "signup/form", model, null, e.getMessage());
        }
    }

    @GetMapping(path = "/signup/verify", produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("shows a form; the mailed link's token is only checked when the form is sent")
    public ResponseEntity<String> verifyForm(@RequestParam(required = false) String token,
                                             @RequestParam(required = false) String lang, HttpServletRequest request) {
        Map<String, Object> model = model(lang, request);
        model.put("token", token == null ? "" : token);
        return pages.render(HttpStatus.OK, "signup/verify", model);
    }

    @PostMapping(path = "/signup/verify", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("the mailed single-use link is the credential")
    public ResponseEntity<String> verify(@RequestParam(required = false) String token,
                                         @RequestParam(required = false) String password,
                                         @RequestParam(required = false) String lang, HttpServletRequest request) {
        Map<String, Object> model = model(lang, request);
        model.put("token", token == null ? "" : token);
        if (formOrigin.crossSite(request)) {
            return refused(HttpStatus.FORBIDDEN, "signup/verify", model, null, text("refused.cross-site"));
        }
        try {
            SignUps.Verified verified = signUps.verify(token, password);
            model.put("done", text("done.body", verified.tenant().value()));
            return pages.render(HttpStatus.OK, "signup/done", model);
        } catch (FieldRejected e) {
            return refused(HttpStatus.BAD_REQUEST, "signup/verify", model, e.field(),
                    texts.rule(e));
        } catch (RuleViolation e) {
            return refused(HttpStatus.UNPROCESSABLE_ENTITY, "signup/verify", model, null,
                    texts.rule(e));
        }
    }

    private ResponseEntity<String> refused(HttpStatus status, String template, Map<String, Object> model,
                                           String field, String reason) {
        model.put("errorField", field);
        model.put("errorLabel", field == null ? null : texts.textOr(field, "front.field." + field));
        model.put("error", reason);
        return pages.render(status, template, model);
    }

    /** The form's fields by name, as the page fills them in again. */
    private static Map<String, String> values(SignUpRequest form) {
        Map<String, String> values = new HashMap<>();
        values.put("organisationName", form.organisationName());
        values.put("slug", form.slug());
        values.put("country", form.country());
        values.put("currency", form.currency());
        values.put("timeZone", form.timeZone());
        values.put("language", form.language());
        values.put("administratorName", form.administratorName());
        values.put("administratorEmail", form.administratorEmail());
        return values;
    }

    /**
     * The visitor's language: {@code ?lang=} on this request (a form's address carries it too), else as every page
     * decides it (the choice kept from the switcher, the browser's).
     */
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

    private String text(String key, Object... arguments) {
        return texts.text("front." + key, arguments);
    }

    private static ZoneId zoneOf(SignUpRequest form) {
        try {
            return ZoneId.of(form.timeZone());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
