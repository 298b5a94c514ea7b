package com.meterledger.app.security;

import com.meterledger.app.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;

import java.io.IOException;

/**
 * Spring's CORS rules, with a refusal that is a problem like every other refusal: the default processor answered a
 * browser request from an origin not configured (a foreign site, or the opaque {@code null} of a sandboxed page) with
 * 403 and the plain text "Invalid CORS request", which names no rule and is not in the reader's language.
 */
final class ProblemCorsProcessor extends DefaultCorsProcessor {
    static final String RULE = "cross-origin-refused";

    @Override
    public boolean processRequest(CorsConfiguration config, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (super.processRequest(config, request, response)) {
            return true;
        }
        String origin = "'" + request.getHeader("Origin") + "'";
        ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, RULE, "Forbidden",
                "a browser page of another origin may not call this address; the origin " + origin
                        + " is not one the platform allows", RULE, origin);
        return false;
    }

    /** Written by {@link #processRequest} instead, where the request (and so the reader's language) is known. */
    @Override
    protected void rejectRequest(ServerHttpResponse response) {
    }
}
