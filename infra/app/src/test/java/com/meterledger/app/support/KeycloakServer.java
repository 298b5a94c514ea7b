package com.meterledger.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Keycloak, the external OIDC issuer of {@code ExternalIssuerKeycloakTest}: the server distribution the build
 * unpacks into {@code target/keycloak} (infra/app's pom, {@code unpack-keycloak}), started in its own process with
 * {@code start-dev}, an in-memory database and the realm {@code keycloak/meterledger-realm.json} imported at start.
 * The one class of the tests that talks to it. Ports are free ones picked here, never Keycloak's defaults (8080,
 * 9000), so parallel builds on one machine do not meet. Measured on the 2-core build machine under load: ready
 * 47 s (quiet) to 189 s (six other builds running) after the start, about 18 s of it the Quarkus build step that
 * {@code start-dev} runs every time; at a load average of 35-44 the build step alone took 104 s and the server was not
 * ready after 4 minutes, so the wait is 8 (it costs nothing when Keycloak is quicker).
 */
public final class KeycloakServer implements AutoCloseable {
    public static final String REALM = "meterledger";
    private static final Logger LOG = LoggerFactory.getLogger(KeycloakServer.class);
    private static final Duration READY_WITHIN = Duration.ofMinutes(8);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread orphanGuard;
    private final Duration startedIn;

    private KeycloakServer(Process process, int port, Path log, Thread orphanGuard, Duration startedIn) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.orphanGuard = orphanGuard;
        this.startedIn = startedIn;
    }

    /**
     * Starts Keycloak with the test realm; {@code placeholders} replace {@code @NAME@} markers in the realm file
     * (the application's port in the web client's redirect URI, a property manager's property).
     */
    public static KeycloakServer start(Map<String, String> placeholders) {
        Path home = distribution();
        int port = freePort();
        int management = freePort();
        Path log = home.resolve("keycloak.log");
        try {
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            String realm = realmTemplate();
            for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
                realm = realm.replace("@" + placeholder.getKey() + "@", placeholder.getValue());
            }
            Files.writeString(imports.resolve(REALM + "-realm.json"), realm);
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + management,
                    "--health-enabled=true", "--db=dev-mem", "--import-realm")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // Keycloak needs Java 21+: the JDK this build runs on (infra/bin/select-jdk), never the machine's default
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().remove("JAVA_OPTS");
            long begun = System.nanoTime();
            Process process = builder.start();
            Thread orphanGuard = new Thread(() -> stop(process), "keycloak-orphan-guard");
            Runtime.getRuntime().addShutdownHook(orphanGuard);
            KeycloakServer server = new KeycloakServer(process, port, log, orphanGuard, null);
            try {
                server.awaitReady(management);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            Duration startedIn = Duration.ofNanos(System.nanoTime() - begun);
            LOG.info("Keycloak {} ready at {} in {} ms (log: {})", home.getFileName(), server.issuer(),
                    startedIn.toMillis(), log);
            return new KeycloakServer(process, port, log, orphanGuard, startedIn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the start took, until {@code /health/ready} answered 200 and the realm's discovery document was served. */
    public Duration startedIn() {
        return startedIn;
    }

    /** The realm's issuer, the {@code iss} of its tokens and the {@code meterledger.auth.issuer} of the application. */
    public String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    /** An access token for a confidential client's service account (client credentials). */
    public String clientCredentials(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials"), clientId, secret);
    }

    /** An access token for a realm user through the direct grant of {@code clientId} (scripts; people use the UI). */
    public String password(String clientId, String secret, String username, String password) {
        return token(Map.of("grant_type", "password", "username", username, "password", password, "scope", "openid"),
                clientId, secret);
    }

    /** A token's claims, read without checking it (the application checks; a test looks at what it carries). */
    public static JsonNode claimsOf(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String token(Map<String, String> form, String clientId, String secret) {
        String body = form.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token to " + clientId + ": " + answer.statusCode()
                    + " " + answer.body());
        }
        try {
            return JSON.readTree(answer.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(int management) {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        URI ready = URI.create("http://127.0.0.1:" + management + "/health/ready");
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " before it was ready:\n"
                        + tail());
            }
            if (status(ready) == 200 && status(discovery) == 200) {
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("Keycloak was not ready within " + READY_WITHIN + ":\n" + tail());
    }

    private static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Stops Keycloak and every process it started (kc.sh runs its build step and the server as children). */
    @Override
    public void close() {
        stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(orphanGuard);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    /** Whether Keycloak or any process it started still runs. */
    public boolean running() {
        return process.isAlive() || process.descendants().anyMatch(ProcessHandle::isAlive);
    }

    private static void stop(Process process) {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (ProcessHandle member : tree) {
            try {
                member.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception stillThere) {
                member.destroyForcibly();
            }
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path distribution() {
        Path unpacked = Path.of("target", "keycloak");
        try (Stream<Path> homes = Files.list(unpacked)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/kc.sh"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Keycloak under " + unpacked.toAbsolutePath()
                            + ": the build unpacks it (infra/app pom, execution unpack-keycloak)"))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException("no Keycloak under " + unpacked.toAbsolutePath()
                    + ": the build unpacks it (infra/app pom, execution unpack-keycloak)", e);
        }
    }

    private static String realmTemplate() throws IOException {
        try (InputStream realm = KeycloakServer.class.getResourceAsStream("/keycloak/" + REALM + "-realm.json")) {
            if (realm == null) {
                throw new IllegalStateException("the test realm keycloak/" + REALM + "-realm.json is missing");
            }
            return new String(realm.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
