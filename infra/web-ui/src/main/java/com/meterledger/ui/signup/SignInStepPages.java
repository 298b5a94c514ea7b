package com.meterledger.ui.signup;

import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.PublicEndpoint;
import com.meterledger.tenantadmin.people.SignInSteps;
import com.meterledger.tenantadmin.tenant.TenantDirectory;
import com.meterledger.ui.HtmlPages;
import com.meterledger.ui.i18n.LanguageChoice;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sign-in steps after the password ({@link SignInSteps}): a person of several tenants picks one; a person with a
 * second factor gives the code from their app. Without a password accepted in this session the pages only say to
 * sign in first. The forms carry the login chain's CSRF token.
 */
@Controller
@Hidden
public class SignInStepPages {
    private final SignInSteps steps;
    private final TenantDirectory directory;
    private final HtmlPages pages;

    public SignInStepPages(SignInSteps steps, TenantDirectory directory, HtmlPages pages) {
        this.steps = steps;
        this.directory = directory;
        this.pages = pages;
    }

    @GetMapping(path = SignInSteps.TENANT_STEP, produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("shows the tenants of the person whose password this session accepted, and nothing otherwise")
    public ResponseEntity<String> tenants(HttpServletRequest request) {
        return tenantPage(request, HttpStatus.OK, false);
    }

    @PostMapping(path = SignInSteps.TENANT_STEP, produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("takes one of the tenants of the person whose password this session accepted")
    public ResponseEntity<String> choose(@RequestParam(required = false) String tenant, HttpServletRequest request,
                                         HttpServletResponse response) throws IOException {
        if (!steps.choose(request, tenant)) {
            return tenantPage(request, HttpStatus.BAD_REQUEST, true);
        }
        return onward(request, response);
    }

    @GetMapping(path = SignInSteps.CODE_STEP, produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("asks for the code of the person whose password this session accepted")
    public ResponseEntity<String> code(HttpServletRequest request) {
        return codePage(request, HttpStatus.OK, false);
    }

    @PostMapping(path = SignInSteps.CODE_STEP, produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("checks the code of the person whose password this session accepted")
    public ResponseEntity<String> giveCode(@RequestParam(required = false) String code, HttpServletRequest request,
                                           HttpServletResponse response) throws IOException {
        switch (steps.giveCode(request, code)) {
            case LOCKED_OUT -> {
                response.sendRedirect(request.getContextPath() + "/login?locked");
                return null;
            }
            case WRONG -> {
                return codePage(request, HttpStatus.BAD_REQUEST, true);
            }
            default -> {
                return onward(request, response);
            }
        }
    }

    /** access: the tenant requires a second factor of this person, who has none: enrol one before anything else. */
    @GetMapping(path = SignInSteps.ENROL_STEP, produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("offers a new second-factor key to the person whose password this session accepted, and whose "
            + "tenant requires one")
    public ResponseEntity<String> enrolment(HttpServletRequest request) {
        return enrolPage(request, HttpStatus.OK, false);
    }

    @PostMapping(path = SignInSteps.ENROL_STEP, produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint("keeps the offered key once the app's first code matches it, for the person whose password this "
            + "session accepted")
    public ResponseEntity<String> enrol(@RequestParam(required = false) String code, HttpServletRequest request,
                                        HttpServletResponse response) throws IOException {
        if (!steps.enrol(request, code)) {
            return enrolPage(request, HttpStatus.BAD_REQUEST, true);
        }
        return onward(request, response);
    }

    private ResponseEntity<String> enrolPage(HttpServletRequest request, HttpStatus status, boolean refused) {
        Map<String, Object> model = model(request, refused);
        Optional<SignInSteps.Offer> offer = steps.offer(request);
        model.put("pending", offer.isPresent());
        model.put("operator", steps.pending(request).map(SignInSteps.Pending::operator).orElse(false));
        model.put("secret", offer.map(SignInSteps.Offer::key).orElse(""));
        model.put("uri", offer.map(SignInSteps.Offer::uri).orElse(""));
        return pages.render(status, "signup/login-enrol", model);
    }

    private ResponseEntity<String> onward(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<String> next = steps.pending(request).flatMap(SignInSteps.Pending::next);
        if (next.isPresent()) {
            response.sendRedirect(request.getContextPath() + next.get());
        } else {
            steps.complete(request, response);
        }
        return null;
    }

    private ResponseEntity<String> tenantPage(HttpServletRequest request, HttpStatus status, boolean refused) {
        Map<String, Object> model = model(request, refused);
        Map<String, String> tenants = new LinkedHashMap<>();
        steps.pending(request).ifPresent(pending -> pending.tenants().forEach(tenant -> tenants.put(tenant,
                directory.find(new TenantId(tenant)).map(t -> t.profile().organisationName()).orElse(tenant))));
        model.put("tenants", tenants);
        return pages.render(status, "signup/login-tenant", model);
    }

    private ResponseEntity<String> codePage(HttpServletRequest request, HttpStatus status, boolean refused) {
        Map<String, Object> model = model(request, refused);
        return pages.render(status, "signup/login-code", model);
    }

    private Map<String, Object> model(HttpServletRequest request, boolean refused) {
        Map<String, Object> model = new HashMap<>();
        model.put("lang", LanguageChoice.tag(LocaleContextHolder.getLocale()));
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        model.put("csrf", csrf == null ? "" : csrf.getToken());
        model.put("pending", steps.pending(request).isPresent());
        model.put("refused", refused);
        return model;
    }
}
