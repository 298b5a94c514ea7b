package com.meterledger.edge.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

import java.net.URI;

/**
 * Where a public form post comes from, by what the browser says (the rule in SECURITY.md). Public forms (the
 * occupant's Pay button, sign-up) carry no session, so CSRF tokens guard nothing there; this refuses another site's
 * post instead. Fetch metadata first: {@code same-origin} (or {@code none}, typed by the user) is ours whatever the
 * {@code Origin} says, anything else (another site, a sibling subdomain) is refused. A browser without fetch metadata
 * must name our own or our public origin; an opaque {@code Origin: null} is refused. A client that sends neither (not
 * a browser) carries no ambient credential a foreign site could borrow.
 */
public final class FormOrigin {
    private final String publicOrigin;

    /** @param publicUrl the address people open (its origin counts as ours behind a proxy) */
    public FormOrigin(String publicUrl) {
        this.publicOrigin = originOf(publicUrl);
    }

    public boolean crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return !"same-origin".equals(site) && !"none".equals(site);
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return false;
        }
        String own = request.getScheme() + "://" + request.getServerName()
                + (request.getServerPort() == 80 || request.getServerPort() == 443 ? "" : ":" + request.getServerPort());
        return !origin.equals(own) && !origin.equals(publicOrigin);
    }

    private static String originOf(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() == null ? "" : uri.getScheme() + "://" + uri.getAuthority();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
