package com.meterledger.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's browser session in the web UI, without a browser: signs in through the issuer's login page
 * (authorization code, as {@code /ui} starts it) and keeps the session cookie. The UI lives at 127.0.0.1, the address
 * the issuer accepts loopback redirects for.
 */
public final class UiSession {
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]*)\"");
    private final String base;
    private final HttpClient single;
    private String csrf;

    private UiSession(int port) {
        this.base = "http://127.0.0.1:" + port;
        CookieManager cookies = new CookieManager();
        this.single = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public record Page(int status, String body, String location, String contentType) {
    }

    /** No sign-in: what anybody's browser gets. */
    public static UiSession anonymous(int port) {
        UiSession session = new UiSession(port);
        session.csrf = session.csrfOf(session.get("/ui/signed-out").body());
        return session;
    }

    public static UiSession signIn(int port, String username, String password) {
        UiSession session = new UiSession(port);
        HttpResponse<String> login = session.follow(HttpRequest.newBuilder(URI.create(session.base + "/ui"))
                .header("Accept", "text/html").build());
        assertThat(login.uri().getPath()).as("the UI sends an anonymous visitor to the issuer's login page")
                .isEqualTo("/login");
        Matcher field = CSRF_FIELD.matcher(login.body());
        assertThat(field.find()).as(login.body()).isTrue();
        HttpResponse<String> home = session.follow(HttpRequest.newBuilder(URI.create(session.base
                        + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(username,
                        StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                        + "&_csrf=" + field.group(1)))
                .build());
        assertThat(home.uri().getPath()).as("signed in, back at the UI: " + home.statusCode() + " " + home.uri())
                .isEqualTo("/ui");
        assertThat(home.statusCode()).isEqualTo(200);
        session.csrf = session.csrfOf(home.body());
        return session;
    }

    public Page get(String path) {
        return page(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").build());
    }

    /** A page as a browser that asks for this language ({@code Accept-Language}) gets it. */
    public Page get(String path, String acceptLanguage) {
        return page(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
                .header("Accept-Language", acceptLanguage).build());
    }

    /** A form post with the session's CSRF token, as the UI's pages send it. */
    public Page post(String path) {
        return page(HttpRequest.newBuilder(URI.create(base + path)).header("X-CSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** The first bytes of an answer that may be an endless event stream. */
    public Page open(String path) {
        try {
            HttpResponse<InputStream> response = single.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("Content-Type").orElse("");
            String body;
            try (InputStream stream = response.body()) {
                body = type.startsWith("text/event-stream") ? "" : new String(stream.readAllBytes(),
                        StandardCharsets.UTF_8);
            }
            return new Page(response.statusCode(), body, response.headers().firstValue("Location").orElse(null),
                    type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The data of the first server-sent event named {@code event} on the stream at {@code path}. */
    public String firstEvent(String path, String event) {
        try {
            HttpResponse<java.util.stream.Stream<String>> response = single.send(HttpRequest.newBuilder(
                    URI.create(base + path)).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            try (java.util.stream.Stream<String> lines = response.body()) {
                boolean[] named = {false};
                return lines.filter(line -> {
                    if (line.equals("event:" + event)) {
                        named[0] = true;
                        return false;
                    }
                    return named[0] && line.startsWith("data:");
                }).findFirst().map(line -> line.substring("data:".length())).orElseThrow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Page page(HttpRequest request) {
        HttpResponse<String> response = send(single, request);
        return new Page(response.statusCode(), response.body(),
                response.headers().firstValue("Location").orElse(null),
                response.headers().firstValue("Content-Type").orElse(""));
    }

    private String csrfOf(String body) {
        Matcher meta = CSRF_META.matcher(body);
        assertThat(meta.find()).as("a UI page carries its CSRF token: " + body).isTrue();
        return meta.group(1);
    }

    /** Follows redirects the way a browser does, keeping every step's cookies. */
    private HttpResponse<String> follow(HttpRequest request) {
        HttpResponse<String> response = send(single, request);
        for (int hop = 0; hop < 10 && response.statusCode() / 100 == 3; hop++) {
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            response = send(single, HttpRequest.newBuilder(next).header("Accept", "text/html").build());
        }
        return response;
    }

    private HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
