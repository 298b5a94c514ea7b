package com.meterledger.app.support;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's access token the way a script gets one: the authorization-code flow at the embedded issuer (client
 * {@code test-web}), signing in at its login page with an e-mail and password. Empty when the sign-in is refused.
 */
public final class PersonTokens {
    private static final String REDIRECT = "http://127.0.0.1/callback";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");
    private static final Pattern OFFERED_KEY = Pattern.compile("id=\"totp-secret\"[^>]*>([A-Z2-7]+)<");

    private PersonTokens() {
    }

    public static Optional<String> signIn(int port, String email, String password) {
        return signIn(port, email, password, null);
    }

    /** @param tenant the tenant to pick when the person works for several (the sign-in step {@code /login/tenant}) */
    public static Optional<String> signIn(int port, String email, String password, String tenant) {
        return signIn(port, email, password, tenant, null);
    }

    /** @param code the second factor's code, when the sign-in asks for one (the step {@code /login/code}) */
    public static Optional<String> signIn(int port, String email, String password, String tenant, String code) {
        return signIn(port, email, password, tenant, code, null);
    }

    /**
     * @param enrol when the tenant requires a second factor the person lacks (the step {@code /login/second-factor}):
     *              the code for the key the step offers; null: such a sign-in is not completed
     */
    public static Optional<String> signIn(int port, String email, String password, String tenant, String code,
                                          java.util.function.Function<String, String> enrol) {
        try {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            String base = "http://localhost:" + port;
            String authorize = base + "/oauth2/authorize?response_type=code&client_id=test-web&scope=openid&state=s"
                    + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);
            browser.send(HttpRequest.newBuilder(URI.create(authorize)).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.discarding());
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher csrf = CSRF.matcher(page.body());
            if (!csrf.find()) {
                throw new IllegalStateException("no CSRF field on the login page");
            }
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(email,
                            StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password,
                            StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String next = login.headers().firstValue("Location").orElse("");
            if (next.endsWith("/login/tenant") && tenant != null) {
                HttpResponse<String> step = browser.send(HttpRequest.newBuilder(URI.create(base + "/login/tenant"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                Matcher stepCsrf = CSRF.matcher(step.body());
                if (!stepCsrf.find() || !step.body().contains("value=\"" + tenant + "\"")) {
                    return Optional.empty();
                }
                HttpResponse<String> picked = browser.send(HttpRequest.newBuilder(URI.create(base + "/login/tenant"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("tenant=" + URLEncoder.encode(tenant,
                                StandardCharsets.UTF_8) + "&_csrf=" + stepCsrf.group(1)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                next = picked.headers().firstValue("Location").orElse("");
            }
            if (next.endsWith("/login/code") && code != null) {
                HttpResponse<String> step = browser.send(HttpRequest.newBuilder(URI.create(base + "/login/code"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                Matcher stepCsrf = CSRF.matcher(step.body());
                if (!stepCsrf.find()) {
                    return Optional.empty();
                }
                HttpResponse<String> coded = browser.send(HttpRequest.newBuilder(URI.create(base + "/login/code"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("code=" + URLEncoder.encode(code,
                                StandardCharsets.UTF_8) + "&_csrf=" + stepCsrf.group(1)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                next = coded.headers().firstValue("Location").orElse("");
            }
            if (next.endsWith("/login/second-factor") && enrol != null) {
                HttpResponse<String> step = browser.send(HttpRequest.newBuilder(URI.create(base
                        + "/login/second-factor")).build(), HttpResponse.BodyHandlers.ofString());
                Matcher stepCsrf = CSRF.matcher(step.body());
                Matcher key = OFFERED_KEY.matcher(step.body());
                if (!stepCsrf.find() || !key.find()) {
                    return Optional.empty();
                }
                HttpResponse<String> enrolled = browser.send(HttpRequest.newBuilder(URI.create(base
                                + "/login/second-factor"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("code=" + URLEncoder.encode(
                                enrol.apply(key.group(1)), StandardCharsets.UTF_8) + "&_csrf=" + stepCsrf.group(1)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                next = enrolled.headers().firstValue("Location").orElse("");
            }
            if (!next.contains("/oauth2/authorize")) {
                return Optional.empty();
            }
            HttpResponse<String> granted = browser.send(HttpRequest.newBuilder(URI.create(next)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher authorizationCode = CODE.matcher(granted.headers().firstValue("Location").orElse(""));
            if (!authorizationCode.find()) {
                return Optional.empty();
            }
            HttpResponse<String> token = browser.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "test-web:test-web-secret".getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code="
                            + URLDecoder.decode(authorizationCode.group(1), StandardCharsets.UTF_8) + "&redirect_uri="
                            + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (token.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(new ObjectMapper().readTree(token.body()).get("access_token").asText());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
