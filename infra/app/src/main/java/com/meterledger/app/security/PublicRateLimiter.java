package com.meterledger.app.security;

import com.meterledger.app.web.ProblemResponses;
import com.meterledger.edge.security.SecurityEvents;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per client address and public door (payment links, webhooks, the token endpoint, the login page):
 * {@code publicRequestsPerMinute} requests, refilled continuously. Over the limit: 429 with Retry-After, logged.
 * In-memory per node: behind a load balancer each node limits on its own, which still caps guessing. The client
 * address is the connection's (configure {@code server.forward-headers-strategy} only behind a trusted proxy).
 */
public class PublicRateLimiter extends OncePerRequestFilter {
    private static final String WEBHOOKS = "/webhooks/";
    private static final List<String> PUBLIC_PREFIXES = List.of("/pay/", WEBHOOKS, "/oauth2/token", "/login", "/signup",
            "/api/signups", "/invitation", "/api/invitations/", "/password-reset", "/api/password-reset");
    private static final int MAX_TRACKED = 100_000;

    private final Rate rate;
    private final Rate webhookRate;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public PublicRateLimiter(int requestsPerMinute) {
        this(requestsPerMinute, requestsPerMinute);
    }

    /**
     * @param webhookRequestsPerMinute the webhook door's own limit: a payment provider sends bursts from a few
     *                                 addresses, each delivery verified by its signature before anything is stored
     */
    public PublicRateLimiter(int requestsPerMinute, int webhookRequestsPerMinute) {
        this.rate = new Rate(requestsPerMinute);
        this.webhookRate = new Rate(webhookRequestsPerMinute);
    }

    private record Rate(double capacity, double perNano) {
        Rate(int perMinute) {
            this(Math.max(1, perMinute), Math.max(1, perMinute) / 60_000_000_000d);
        }
    }

    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return PUBLIC_PREFIXES.stream().noneMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String door = PUBLIC_PREFIXES.stream().filter(path::startsWith).findFirst().orElse(path);
        Rate limit = door.equals(WEBHOOKS) ? webhookRate : rate;
        long wait = take(request.getRemoteAddr() + " " + door, limit);
        if (wait > 0) {
            SecurityEvents.log("rate_limited", request, "over " + (int) limit.capacity() + " requests per minute on "
                    + door);
            response.setHeader("Retry-After", Long.toString(Math.max(1, wait / 1_000_000_000L)));
            ProblemResponses.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                    "Too many requests", "slow down and retry later", null);
            return;
        }
        chain.doFilter(request, response);
    }

    /** @return 0 when a request may pass, else nanoseconds until it may */
    private long take(String key, Rate limit) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        long now = System.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.capacity(), now));
        synchronized (bucket) {
            bucket.tokens = Math.min(limit.capacity(), bucket.tokens + (now - bucket.at) * limit.perNano());
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (long) ((1 - bucket.tokens) / limit.perNano());
        }
    }

    /** Forgets every bucket (tests). */
    public void reset() {
        buckets.clear();
    }
}
