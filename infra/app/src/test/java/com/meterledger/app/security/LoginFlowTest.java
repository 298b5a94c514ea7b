package com.meterledger.app.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.TestPeople;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A person signs in at the embedded issuer (authorization code) and gets a token with their tenant and role. */
class LoginFlowTest extends IntegrationTest {
    private static final String REDIRECT = "http://127.0.0.1/callback";

    @Test
    void anInvitedPersonLogsInAndGetsATokenWithTenantRolesAndProperties() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://localhost:" + port;
        String authorize = base + "/oauth2/authorize?response_type=code&client_id=test-web&scope=openid&state=s1"
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);

        HttpResponse<String> first = browser.send(HttpRequest.newBuilder(URI.create(authorize))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as(page.body()).isTrue();

        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(TestPeople.MANAGER_A,
                        StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(TestPeople.PASSWORD,
                        StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        String next = login.headers().firstValue("Location").orElseThrow();
        assertThat(next).contains("/oauth2/authorize");

        HttpResponse<String> granted = browser.send(HttpRequest.newBuilder(URI.create(next)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(granted.statusCode()).isEqualTo(302);
        String callback = granted.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(REDIRECT);
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(callback);
        assertThat(code.find()).isTrue();

        HttpResponse<String> token = browser.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "test-web:test-web-secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code="
                        + URLDecoder.decode(code.group(1), StandardCharsets.UTF_8) + "&redirect_uri="
                        + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String accessToken = new ObjectMapper().readTree(token.body()).get("access_token").asText();

        JsonNode me = Http.send(port, "GET", "/api/me", accessToken, null).json();
        // a stored person: the token names their opaque id, never their address
        assertThat(me.get("subject").asText()).matches("person:[0-9a-f-]{36}").doesNotContain(TestPeople.MANAGER_A);
        assertThat(me.get("tenant").asText()).isEqualTo(TENANT_A);
        assertThat(me.get("roles").toString()).isEqualTo("[\"PROPERTY_MANAGER\"]");
        assertThat(me.get("properties").toString()).isEqualTo("[\"managed-a\"]");
    }

    @Test
    void oidcDiscoveryAnnouncesTheConfiguredIssuer() {
        Http.Answer discovery = Http.send(port, "GET", "/.well-known/openid-configuration", null, null);
        assertThat(discovery.status()).isEqualTo(200);
        assertThat(discovery.json().get("issuer").asText()).isEqualTo("http://meterledger.test");
    }
}
