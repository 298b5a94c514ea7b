package com.meterledger.app.mail;

import com.meterledger.edge.security.PublicEndpoint;
import com.meterledger.embedded.EmbeddedMailSink;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded mail sink's mailbox, for the local run: what MeterLedger sent, newest first, with links one can
 * click. Only while the embedded sink and the page are switched on (never in production), and only to loopback
 * clients: anyone else gets a 404.
 */
@Controller
@ConditionalOnProperty(name = {"meterledger.mail.embedded-sink", "meterledger.mail.mailbox-page"}, havingValue = "true")
@RequestMapping("/dev/mailbox")
@PublicEndpoint("local run only: answers loopback clients while the embedded mail sink runs")
public class MailboxController {
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");
    private final EmbeddedMailSink sink;

    MailboxController(EmbeddedMailSink sink) {
        this.sink = sink;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    public ResponseEntity<List<EmbeddedMailSink.Mail>> messages(HttpServletRequest request) {
        if (!fromLoopback(request)) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(sink.messages().reversed());
    }

    @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    public ResponseEntity<String> page(HttpServletRequest request) {
        if (!fromLoopback(request)) {
            return ResponseEntity.notFound().build();
        }
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Mailbox · 邮箱 — MeterLedger local run</title>
                <style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:48rem;margin:1rem auto;
                padding:0 1rem;color:#1a1a1a}article{border:1px solid #bbb;border-radius:6px;padding:.75rem;
                margin:.75rem 0}pre{white-space:pre-wrap;word-break:break-word;font:inherit}a{color:#0645ad}</style>
                </head><body><h1>Mailbox · 邮箱</h1>
                <p>Every e-mail the local run sent, newest first. 本地运行发送的所有邮件，最新的在前。</p>
                """);
        List<EmbeddedMailSink.Mail> messages = sink.messages().reversed();
        if (messages.isEmpty()) {
            html.append("<p>No mail yet. 暂无邮件。</p>");
        }
        for (EmbeddedMailSink.Mail mail : messages) {
            html.append("<article><h2>").append(HtmlUtils.htmlEscape(String.valueOf(mail.subject())))
                    .append("</h2><p>To · 收件人: ").append(HtmlUtils.htmlEscape(String.join(", ", mail.to())))
                    .append(" · ").append(mail.receivedAt()).append("</p><pre>")
                    .append(linked(mail.body())).append("</pre></article>");
        }
        html.append("</body></html>");
        return ResponseEntity.status(HttpStatus.OK).cacheControl(CacheControl.noStore())
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(html.toString());
    }

    private static String linked(String body) {
        String escaped = HtmlUtils.htmlEscape(body);
        Matcher links = LINK.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (links.find()) {
            links.appendReplacement(out, Matcher.quoteReplacement(
                    "<a href=\"" + links.group() + "\">" + links.group() + "</a>"));
        }
        return links.appendTail(out).toString();
    }

    private static boolean fromLoopback(HttpServletRequest request) {
        try {
            return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
