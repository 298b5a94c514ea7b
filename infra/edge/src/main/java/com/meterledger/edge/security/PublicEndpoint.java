package com.meterledger.edge.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler that is deliberately reachable without a bearer token, and says what protects it instead (for
 * example a payment-link token, a webhook signature). Every other handler needs a {@code @PreAuthorize} rule: one
 * without either is refused at runtime (the application's {@code EndpointRules}) and fails the isolation matrix test.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PublicEndpoint {
    /** What protects this endpoint instead of a bearer token. */
    String value();
}
