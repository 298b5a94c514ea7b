package com.meterledger.app.security;

import com.meterledger.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Security headers, strict CORS, body size limits, rate limits, problem details without internals. */
class HardeningTest extends IntegrationTest {
    @Autowired
    List<FilterRegistrationBean<?>> filters;

    @Test
    void answersCarrySecurityHeaders() {
        Http.Answer answer = Http.send(port, "GET", "/api/me", RoleTokens.of("tenant-a-auditor", port), null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(answer.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(answer.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(answer.header("Cache-Control")).contains("no-store");
        assertThat(answer.header("Permissions-Policy")).contains("camera=()");
        Http.Answer anonymous = Http.send(port, "GET", "/api/properties", null, null);
        assertThat(anonymous.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void corsAllowsOnlyTheConfiguredOrigins() {
        Map<String, String> evil = Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization");
        Http.Answer refused = Http.send(port, "OPTIONS", "/api/properties", null, null, evil);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("rule").asText()).isEqualTo("cross-origin-refused");
        assertThat(refused.json().get("detail").asText()).contains("'https://evil.example'");
        Map<String, String> ours = Map.of("Origin", "https://app.meterledger.test", "Access-Control-Request-Method",
                "GET", "Access-Control-Request-Headers", "authorization");
        Http.Answer allowed = Http.send(port, "OPTIONS", "/api/properties", null, null, ours);
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.meterledger.test");
        assertThat(allowed.header("Access-Control-Allow-Credentials")).isNull();
        Http.Answer simple = Http.send(port, "GET", "/api/me", RoleTokens.of("tenant-a-auditor", port), null,
                Map.of("Origin", "https://evil.example"));
        assertThat(simple.status()).isEqualTo(403);
        assertThat(simple.isProblem()).isTrue();
        assertThat(simple.json().get("rule").asText()).isEqualTo("cross-origin-refused");
        Http.Answer chinese = Http.send(port, "GET", "/api/me", RoleTokens.of("tenant-a-auditor", port), null,
                Map.of("Origin", "https://evil.example", "Accept-Language", "zh-CN"));
        assertThat(chinese.json().get("title").asText()).isEqualTo("禁止访问");
        assertThat(chinese.json().get("detail").asText()).contains("https://evil.example");
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        String huge = "{\"propertyId\":\"big\",\"name\":\"" + "x".repeat(70_000) + "\"}";
        try (SecurityLog log = new SecurityLog()) {
            Http.Answer answer = Http.send(port, "POST", "/api/properties", RoleTokens.of("tenant-a-admin", port), huge);
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.isProblem()).isTrue();
            assertThat(log.has("body_too_large")).isTrue();
        }
    }

    @Test
    void problemDetailsNeverCarryStackTraces() {
        String admin = RoleTokens.of("tenant-a-admin", port);
        for (Http.Answer answer : List.of(
                Http.send(port, "POST", "/api/properties", admin, "{not json"),
                Http.send(port, "GET", "/api/accounts/no-such-account", admin, null),
                Http.send(port, "GET", "/api/accounts/%20bad%20id", admin, null),
                Http.send(port, "GET", "/api/no-such-endpoint", admin, null),
                Http.send(port, "GET", "/api/accounts/x/statement?from=yesterday", admin, null))) {
            assertThat(answer.status()).isBetween(400, 499);
            assertThat(answer.body()).doesNotContain("\tat ").doesNotContain("trace").doesNotContain("java.")
                    .doesNotContain("org.springframework");
        }
    }

    @Test
    void publicDoorsAreRateLimitedPerClient() throws Exception {
        assertThat(filters).anyMatch(registration -> registration.getFilter() instanceof PublicRateLimiter);
        PublicRateLimiter limiter = new PublicRateLimiter(3);
        try (SecurityLog log = new SecurityLog()) {
            int[] statuses = new int[5];
            for (int i = 0; i < statuses.length; i++) {
                MockHttpServletRequest request = new MockHttpServletRequest("GET", "/pay/acc-1/balance");
                request.setRemoteAddr("203.0.113.7");
                MockHttpServletResponse response = new MockHttpServletResponse();
                limiter.doFilter(request, response, new MockFilterChain());
                statuses[i] = response.getStatus();
                if (i == 4) {
                    assertThat(response.getHeader("Retry-After")).isNotBlank();
                    assertThat(response.getContentType()).startsWith("application/problem+json");
                }
            }
            assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
            assertThat(log.has("rate_limited")).isTrue();
        }
        MockHttpServletRequest another = new MockHttpServletRequest("GET", "/pay/acc-1/balance");
        another.setRemoteAddr("203.0.113.8");
        MockHttpServletResponse response = new MockHttpServletResponse();
        limiter.doFilter(another, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(200);
        MockHttpServletRequest api = new MockHttpServletRequest("GET", "/api/properties");
        api.setRemoteAddr("203.0.113.7");
        MockHttpServletResponse apiResponse = new MockHttpServletResponse();
        limiter.doFilter(api, apiResponse, new MockFilterChain());
        assertThat(apiResponse.getStatus()).as("authenticated APIs are not behind the public limiter").isEqualTo(200);
    }

    @Test
    void theWebhookDoorHasItsOwnLimitForThePaymentProvidersBursts() throws Exception {
        PublicRateLimiter limiter = new PublicRateLimiter(1, 3);
        int[] webhooks = new int[4];
        for (int i = 0; i < webhooks.length; i++) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/stripe");
            request.setRemoteAddr("203.0.113.9");
            MockHttpServletResponse response = new MockHttpServletResponse();
            limiter.doFilter(request, response, new MockFilterChain());
            webhooks[i] = response.getStatus();
        }
        assertThat(webhooks).containsExactly(200, 200, 200, 429);
        int[] pages = new int[2];
        for (int i = 0; i < pages.length; i++) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/pay/acc-1");
            request.setRemoteAddr("203.0.113.9");
            MockHttpServletResponse response = new MockHttpServletResponse();
            limiter.doFilter(request, response, new MockFilterChain());
            pages[i] = response.getStatus();
        }
        assertThat(pages).containsExactly(200, 429);
    }

    @Test
    void aHandlerWithoutARuleIsRefusedAtRuntime() throws Exception {
        class Unguarded {
            @SuppressWarnings("unused")
            public String open() {
                return "oops";
            }
        }
        var handler = new org.springframework.web.method.HandlerMethod(new Unguarded(), "open");
        assertThat(EndpointRules.ruleOf(handler)).isEmpty();
        try (SecurityLog log = new SecurityLog()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EndpointRules().preHandle(
                            new MockHttpServletRequest("GET", "/api/x"), new MockHttpServletResponse(), handler))
                    .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
            assertThat(log.has("endpoint_without_rule")).isTrue();
        }
    }
}
