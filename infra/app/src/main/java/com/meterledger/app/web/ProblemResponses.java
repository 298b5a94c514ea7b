package com.meterledger.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;
import org.springframework.web.servlet.LocaleResolver;

import java.io.IOException;
import java.util.Locale;

/**
 * RFC 7807 bodies for answers given before a request reaches a controller (security filters). Their {@code title} and
 * {@code detail} are for people, in the caller's language as {@link ProblemWords} gives it to controllers' problems:
 * the application's {@code localeResolver} (the person's choice, the tenant's language once the token is verified,
 * then {@code Accept-Language}) decides, and the bundles' {@code problem.filter.<what>.title/detail} give the Chinese
 * words. English is what the code writes, exactly as before; {@code rule} never changes with the language.
 */
public final class ProblemResponses {
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    private ProblemResponses() {
    }

    public static void write(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        write(response, status, title, detail, null);
    }

    /** The same, naming the rule that refused the request (stable, for programs). */
    public static void write(HttpServletResponse response, HttpStatus status, String title, String detail, String rule)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (rule != null) {
            problem.setProperty("rule", rule);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), problem);
    }

    /**
     * A problem in the caller's words: {@code problem.filter.<what>.title} and {@code .detail} (its placeholders
     * filled by {@code figures}) for a Chinese reader, else {@code title} and {@code detail} as written.
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String what,
                             String title, String detail, String rule, Object... figures) throws IOException {
        Locale chinese = chinese(request);
        MessageSource messages = chinese == null ? null : bean(request, MessageSource.class);
        if (messages == null) {
            write(response, status, title, detail, rule);
            return;
        }
        String key = "problem.filter." + what;
        write(response, status, messages.getMessage(key + ".title", null, title, chinese),
                messages.getMessage(key + ".detail", figures.length == 0 ? null : figures, detail, chinese), rule);
    }

    private static Locale chinese(HttpServletRequest request) {
        LocaleResolver locales = bean(request, LocaleResolver.class);
        Locale locale = locales == null ? request.getLocale() : locales.resolveLocale(request);
        return "zh".equals(locale.getLanguage()) ? locale : null;
    }

    private static <T> T bean(HttpServletRequest request, Class<T> type) {
        WebApplicationContext context = WebApplicationContextUtils.findWebApplicationContext(
                request.getServletContext());
        return context == null ? null : context.getBeanProvider(type).getIfAvailable();
    }
}
