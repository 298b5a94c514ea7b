package com.meterledger.app.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal SMTP server (RFC 5321 subset: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) on a random loopback port
 * that keeps every message it accepts. The application's real JavaMailSender talks real SMTP to it. Registered with
 * {@code @RegisterExtension} on a static field, it diverts the mail sender for each test and stops after the class.
 * <p>
 * Why not GreenMail here: GreenMail is a test dependency of gateway-connector (where the adapter's own tests use it)
 * but infra/app/pom.xml, which this branch does not own, does not declare it. Adding
 * {@code com.icegreen:greenmail-junit5} (test scope) to infra/app would let this class go.
 */
final class SmtpSink implements AutoCloseable, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    record Received(String envelopeFrom, List<String> recipients, byte[] data) {
        MimeMessage mime() {
            try {
                return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(data));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final ServerSocket server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private Runnable restore = () -> { };

    SmtpSink() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("smtp-sink").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /**
     * Before each test, points the application's notification mail sender here; after it, back. The context is
     * shared by every integration test and built with the default SMTP settings, so one test diverts the one sender
     * rather than start a second application.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        JavaMailSenderImpl sender = SpringExtension.getApplicationContext(context)
                .getBean("notificationMailSender", JavaMailSenderImpl.class);
        String originalHost = sender.getHost();
        int originalPort = sender.getPort();
        sender.setHost("127.0.0.1");
        sender.setPort(port());
        restore = () -> {
            sender.setHost(originalHost);
            sender.setPort(originalPort);
        };
    }

    @Override
    public void afterEach(ExtensionContext context) {
        restore.run();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
    }

    List<Received> to(String address) {
        return received.stream().filter(m -> m.recipients().contains(address)).toList();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofPlatform().daemon().name("smtp-sink-session").start(() -> session(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (socket;
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                     StandardCharsets.ISO_8859_1));
             Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.ISO_8859_1)) {
            reply(out, "220 smtp-sink ESMTP");
            String from = null;
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 smtp-sink");
                } else if (command.startsWith("MAIL FROM:")) {
                    from = address(line);
                    recipients = new ArrayList<>();
                    reply(out, "250 OK");
                } else if (command.startsWith("RCPT TO:")) {
                    recipients.add(address(line));
                    reply(out, "250 OK");
                } else if (command.equals("DATA")) {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    StringBuilder data = new StringBuilder();
                    String dataLine;
                    while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                        data.append(dataLine.startsWith(".") ? dataLine.substring(1) : dataLine).append("\r\n");
                    }
                    received.add(new Received(from, List.copyOf(recipients),
                            data.toString().getBytes(StandardCharsets.ISO_8859_1)));
                    reply(out, "250 OK queued");
                } else if (command.equals("RSET")) {
                    from = null;
                    recipients = new ArrayList<>();
                    reply(out, "250 OK");
                } else if (command.equals("NOOP")) {
                    reply(out, "250 OK");
                } else if (command.equals("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "502 command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to keep
        }
    }

    private static String address(String line) {
        String value = line.substring(line.indexOf(':') + 1).strip();
        int open = value.indexOf('<');
        int close = value.indexOf('>');
        return open >= 0 && close > open ? value.substring(open + 1, close) : value.split(" ")[0];
    }

    private static void reply(Writer out, String text) throws IOException {
        out.write(text + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
