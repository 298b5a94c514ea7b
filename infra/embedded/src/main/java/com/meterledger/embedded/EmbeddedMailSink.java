package com.meterledger.embedded;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The local run's and the tests' mail server: GreenMail's real SMTP server on a loopback port, keeping every message
 * it accepts so that a person (the mailbox page) or a test can read what MeterLedger sent. Never in production.
 */
public final class EmbeddedMailSink implements AutoCloseable {
    private final GreenMail server;
    private final int port;

    private EmbeddedMailSink(GreenMail server, int port) {
        this.server = server;
        this.port = port;
    }

    /** @param port the SMTP port on 127.0.0.1, or 0 for a free one */
    public static EmbeddedMailSink start(int port) {
        int chosen = port == 0 ? freePort() : port;
        GreenMail server = new GreenMail(new ServerSetup(chosen, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return new EmbeddedMailSink(server, chosen);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public record Mail(List<String> to, String subject, String body, Instant receivedAt) {
    }

    /** Everything received since start, oldest first. */
    public List<Mail> messages() {
        return Arrays.stream(server.getReceivedMessages()).map(EmbeddedMailSink::mail).toList();
    }

    /** The messages to {@code address} as received, headers and all, oldest first. */
    /**
     * The first group of {@code pattern} in the newest mail to {@code address} that came after the sink held
     * {@code before} mails, as a person opens the link in it; waits up to {@code wait} for that mail to arrive.
     */
    public java.util.Optional<String> awaitMatch(String address, java.util.regex.Pattern pattern, int before,
                                                 java.time.Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        do {
            List<Mail> mails = messages();
            java.util.Optional<String> found = mails.subList(Math.min(before, mails.size()), mails.size()).reversed()
                    .stream()
                    .filter(mail -> mail.to().stream().anyMatch(to -> to.equalsIgnoreCase(address)))
                    .map(mail -> pattern.matcher(mail.body())).filter(java.util.regex.Matcher::find)
                    .map(matcher -> matcher.group(1))
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return java.util.Optional.empty();
            }
        } while (Instant.now().isBefore(deadline));
        return java.util.Optional.empty();
    }

    public List<MimeMessage> messagesTo(String address) {
        return Arrays.stream(server.getReceivedMessages()).filter(message -> mail(message).to().stream()
                .anyMatch(recipient -> recipient.equalsIgnoreCase(address))).toList();
    }

    private static Mail mail(MimeMessage message) {
        try {
            List<String> to = message.getRecipients(Message.RecipientType.TO) == null ? List.of()
                    : Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString)
                    .collect(Collectors.toList());
            Instant received = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                    : message.getSentDate() != null ? message.getSentDate().toInstant() : Instant.EPOCH;
            // decoded: the raw body of a UTF-8 message is quoted-printable or base64
            String body = message.getContent() instanceof String text ? text : GreenMailUtil.getBody(message);
            return new Mail(to, message.getSubject(), body.strip(), received);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("a received message cannot be read", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
