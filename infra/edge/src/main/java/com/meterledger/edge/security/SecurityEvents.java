package com.meterledger.edge.security;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * One logger, {@code meterledger.security}, for every security event: refused tokens, denied access, misused payment
 * links, rate limits. One line each, key=value, never a token, secret or request body. Ship it to the SIEM.
 */
@Component
public class SecurityEvents {
    public static final String LOGGER = "meterledger.security";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    public static void log(String type, HttpServletRequest request, String reason) {
        String principal = Caller.current().map(jwt -> jwt.getName()).orElse("-");
        String tenant = Caller.current().map(jwt -> jwt.getToken().getClaimAsString(Caller.TENANT_CLAIM)).orElse("-");
        log.warn("security-event type={} method={} path={} remote={} principal={} tenant={} reason=\"{}\"", type,
                request == null ? "-" : request.getMethod(), request == null ? "-" : request.getRequestURI(),
                request == null ? "-" : request.getRemoteAddr(), principal, tenant, clean(reason));
    }

    public static void log(String type, String reason) {
        log(type, currentRequest(), reason);
    }

    /** Method security refusals (@PreAuthorize) arrive as events. */
    @EventListener
    public void on(AuthorizationDeniedEvent<?> event) {
        log("access_denied", currentRequest(), "rule refused: " + event.getAuthorizationResult());
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    private static String clean(String reason) {
        if (reason == null) {
            return "";
        }
        String oneLine = reason.replaceAll("[\\r\\n\"]", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) : oneLine;
    }
}
