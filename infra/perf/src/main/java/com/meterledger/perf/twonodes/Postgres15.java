package com.meterledger.perf.twonodes;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's PostgreSQL 15 as the external database of the two-node run: a fresh cluster made with {@code initdb} and
 * started with {@code pg_ctl} on 127.0.0.1 and a free port, as user {@code postgres} when this process is root (the
 * server refuses to run as root). It stands for the managed database of a deployment: the application's owner role
 * is made least-privileged ({@code LOGIN CREATEROLE}, no superuser), as README "Configuration" asks.
 */
public final class Postgres15 implements AutoCloseable {
    public static final String OWNER = "meterledger";
    public static final String OWNER_PASSWORD = "two-nodes-owner";
    public static final String DATABASE = "meterledger";

    private final Path bin;
    private final Path data;
    private final int port;
    private final boolean asPostgres;

    private Postgres15(Path bin, Path data, int port, boolean asPostgres) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    public static Postgres15 start(Path bin, Path home) throws Exception {
        if (!Files.isExecutable(bin.resolve("initdb"))) {
            throw new IllegalStateException(bin + "/initdb not found: install Debian's postgresql (15)");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = home.resolve("pgdata");
        Files.createDirectories(home);
        Postgres15 server = new Postgres15(bin, data, freePort(), root);
        if (root) {
            // the server runs as user postgres: it must be able to pass through the run's folder (a temporary
            // folder is made 700) to reach its own
            Files.setPosixFilePermissions(home.toAbsolutePath().getParent(),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            run(List.of("chown", "-R", "postgres:postgres", home.toString()));
        }
        server.pg(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--locale=C"));
        server.pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                home.resolve("postgres.log").toString(), "-w", "-t", "60", "start", "-o",
                "-h 127.0.0.1 -p " + server.port + " -k " + home + " -c max_connections=200"));
        try (Connection connection = DriverManager.getConnection(server.url("postgres"), "postgres", "");
             Statement sql = connection.createStatement()) {
            sql.execute("create role " + OWNER + " login createrole nosuperuser nobypassrls password '"
                    + OWNER_PASSWORD + "'");
            sql.execute("create database " + DATABASE + " owner " + OWNER);
        }
        return server;
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String version() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "");
             var result = connection.createStatement().executeQuery("show server_version")) {
            result.next();
            return result.getString(1);
        }
    }

    public Connection superuser() throws SQLException {
        return DriverManager.getConnection(url(DATABASE), "postgres", "");
    }

    @Override
    public void close() throws Exception {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
    }

    private void pg(List<String> command) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
