package com.meterledger.ui;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Server-rendered pages (Thymeleaf, {@code templates/}) as plain answers, so a page can carry any status: a refused
 * payment link is a 401 page for a browser, not a 200 with an error in it. In the request's language (the
 * {@code localeResolver}: the person's choice, the tenant's, the browser's). Never cached.
 */
@Component
public class HtmlPages {
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    private final ITemplateEngine templates;

    public HtmlPages(ITemplateEngine templates) {
        this.templates = templates;
    }

    public ResponseEntity<String> render(HttpStatus status, String template, Map<String, Object> model) {
        return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore())
                .body(templates.process(template, new Context(LocaleContextHolder.getLocale(), model)));
    }
}
