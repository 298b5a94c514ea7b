package com.meterledger.app.security;

import com.meterledger.edge.security.Caller;
import com.meterledger.edge.security.PublicEndpoint;
import com.meterledger.edge.security.SecurityEvents;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Optional;

/**
 * Deny by default: a handler of ours without an authorization rule ({@code @PreAuthorize}/{@code @PostAuthorize} on
 * the method or class) or an explicit {@link PublicEndpoint} is refused, before its arguments are even read.
 */
public class EndpointRules implements HandlerInterceptor {
    public static final String OWN_PACKAGE = "com.meterledger.";

    /** The rule of a handler method of ours, if it has one. */
    public static Optional<String> ruleOf(HandlerMethod handler) {
        Class<?> type = handler.getBeanType();
        PreAuthorize pre = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (pre == null) {
            pre = AnnotatedElementUtils.findMergedAnnotation(type, PreAuthorize.class);
        }
        if (pre != null) {
            return Optional.of(pre.value());
        }
        PostAuthorize post = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PostAuthorize.class);
        if (post != null) {
            return Optional.of("post: " + post.value());
        }
        PublicEndpoint open = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PublicEndpoint.class);
        if (open == null) {
            open = AnnotatedElementUtils.findMergedAnnotation(type, PublicEndpoint.class);
        }
        return open == null ? Optional.empty() : Optional.of("public: " + open.value());
    }

    public static boolean isOurs(HandlerMethod handler) {
        return handler.getBeanType().getName().startsWith(OWN_PACKAGE);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && isOurs(method) && ruleOf(method).isEmpty()) {
            SecurityEvents.log("endpoint_without_rule", request, method.getShortLogMessage());
            throw new AccessDeniedException("this endpoint has no authorization rule");
        }
        return true;
    }

    /**
     * Row-level security makes another tenant's id look exactly like an unknown one, so every 404 an authenticated
     * caller gets for an id is logged: a run of them is how id guessing across tenants shows up.
     */
    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception exception) {
        if (response.getStatus() == 404 && handler instanceof HandlerMethod method && isOurs(method)
                && Caller.current().isPresent()) {
            SecurityEvents.log("unknown_id", request, "an id unknown in the caller's tenant (missing or foreign)");
        }
    }
}
