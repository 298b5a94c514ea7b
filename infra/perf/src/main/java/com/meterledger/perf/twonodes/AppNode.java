package com.meterledger.perf.twonodes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One application node in its own JVM (so that it can be killed with {@code kill -9}), on free ports of its own: HTTP
 * and the embedded MQTT broker. The local Stripe sandbox is off unless {@code extra} turns it on (on a free port of
 * its own: its default port is fixed).
 */
public final class AppNode {
    public final int number;
    public final int port;
    public final Path log;
    private final Process process;

    private AppNode(int number, int port, Path log, Process process) {
        this.number = number;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    public static AppNode start(int number, Postgres15 postgres, String searchUri, Path home, boolean demo,
                                List<String> extra) throws IOException {
        return start(number, Postgres15.freePort(), postgres, searchUri, home, demo, extra);
    }

    /** On a given HTTP port: a node started again where the killed one listened. */
    public static AppNode start(int number, int port, Postgres15 postgres, String searchUri, Path home, boolean demo,
                                List<String> extra) throws IOException {
        Path log = home.resolve("node-" + number + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx600m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "com.meterledger.app.MeterLedgerApplication",
                "--server.port=" + port,
                "--meterledger.home=" + home.resolve("node-" + number),
                "--meterledger.postgres.embedded=false",
                "--spring.datasource.url=" + postgres.url(Postgres15.DATABASE),
                "--spring.datasource.username=" + Postgres15.OWNER,
                "--spring.datasource.password=" + Postgres15.OWNER_PASSWORD,
                "--meterledger.database.runtime-password=two-nodes-runtime",
                "--meterledger.search.embedded=false", "--meterledger.search.uris=" + searchUri,
                "--meterledger.mqtt.embedded-broker.port=" + Postgres15.freePort(),
                "--meterledger.demo.enabled=" + demo,
                "--meterledger.processors.segments=10",
                "--spring.jmx.enabled=false",
                "--logging.level.root=WARN", "--logging.level.com.meterledger=INFO"));
        if (extra.stream().noneMatch(setting -> setting.startsWith("--meterledger.stripe.sandbox.enabled="))) {
            // a second value of the same option would be joined to the first ("false,true"), not replace it
            command.add("--meterledger.stripe.sandbox.enabled=false");
        }
        command.addAll(extra);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new AppNode(number, port, log, process);
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits until the node answers UP; the time it took. */
    public Duration awaitUp(HttpClient http, Duration limit) throws Exception {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + number + " exited; its log " + log + " ends:\n" + tail());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base()
                        + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("node " + number + " not UP within " + limit + "; its log ends:\n" + tail());
    }

    /**
     * A token from this node's own embedded issuer, for the demo tenant's client. The demo is seeded through the front
     * door once the node is ready, so the client may not exist yet when readiness first answers: asked again for up to
     * two minutes (a run that asked once failed with "invalid_client", and its teardown then stopped the node while
     * the seeding still sent commands).
     */
    public String token(HttpClient http) throws Exception {
        String basic = Base64.getEncoder().encodeToString("demo-landlord:demo-landlord-secret".getBytes());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                String body = answer.body();
                int at = body.indexOf("\"access_token\":\"") + 16;
                return body.substring(at, body.indexOf('"', at));
            }
            if (answer.statusCode() != 401 || System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("no token from node " + number + ": " + answer.statusCode() + " "
                        + answer.body());
            }
            Thread.sleep(500);
        }
    }

    public void killHard() {
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no released claim
    }

    /** Until the killed process is gone (at most 10 s): from then on nothing of it renews a lease or a claim. */
    public void awaitDeath() throws InterruptedException {
        process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public int errorLines() throws IOException {
        return (int) Files.readAllLines(log).stream().filter(line -> line.contains(" ERROR ")).count();
    }
}
