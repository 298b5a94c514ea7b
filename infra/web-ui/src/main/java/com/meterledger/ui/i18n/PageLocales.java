package com.meterledger.ui.i18n;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.LocaleResolver;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every page's language, by {@link LanguageChoice}: the person's choice from the switcher (a cookie, no session, so it
 * holds on the login page before any sign-in and after signing out), the tenant's language setting, the browser's
 * {@code Accept-Language}, English. Decided once per request (again if the request learns its tenant).
 */
public class PageLocales implements LocaleResolver {
    public static final String COOKIE = "meterledger_lang";
    private static final String DECIDED = PageLocales.class.getName() + ".decided";
    private static final Duration KEPT = Duration.ofDays(365);

    private final TenantPreferences tenants;

    public PageLocales(TenantPreferences tenants) {
        this.tenants = tenants;
    }

    /** A request's verdict, and the tenant it was decided for (a payment-link page learns its tenant midway). */
    private record Decided(Optional<String> tenant, LanguageChoice.Verdict verdict) {
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        Optional<String> tenant = TenantPreferences.tenantOf(request);
        if (request.getAttribute(DECIDED) instanceof Decided decided && (decided.tenant().equals(tenant)
                || decided.verdict().source() == LanguageChoice.Source.PERSON)) {
            return decided.verdict().locale();
        }
        LanguageChoice.Verdict verdict = LanguageChoice.choose(cookie(request),
                () -> tenant.flatMap(tenants::language), browser(request));
        request.setAttribute(DECIDED, new Decided(tenant, verdict));
        return verdict.locale();
    }

    /** The person chose: kept for a year in a cookie (only zh-CN or en; anything else was refused before). */
    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Optional<Locale> supported = locale == null ? Optional.empty()
                : LanguageChoice.supported(locale.toLanguageTag());
        if (supported.isEmpty()) {
            return;
        }
        request.setAttribute(DECIDED, new Decided(Optional.empty(),
                new LanguageChoice.Verdict(supported.get(), LanguageChoice.Source.PERSON)));
        if (response != null) {
            response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE,
                            LanguageChoice.tag(supported.get())).path("/").maxAge(KEPT).httpOnly(true)
                    .secure(request.isSecure()).sameSite("Lax").build().toString());
        }
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** The browser's languages, best first; only when it named any (the servlet container adds its own default). */
    private static List<Locale> browser(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) == null ? List.of()
                : Collections.list(request.getLocales());
    }
}
