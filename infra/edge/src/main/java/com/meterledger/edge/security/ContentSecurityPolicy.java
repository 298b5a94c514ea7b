package com.meterledger.edge.security;

/**
 * The Content-Security-Policy every answer carries (set by the application's filter chains). A page that must allow
 * more starts from this one: the occupant's payment form also posts onward to Stripe Checkout.
 */
public final class ContentSecurityPolicy {
    public static final String DEFAULT = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private ContentSecurityPolicy() {
    }

    /** The default policy with one more origin its forms may be sent to. */
    public static String allowingFormsTo(String origin) {
        return DEFAULT.replace("form-action 'self'", "form-action 'self' " + origin);
    }
}
