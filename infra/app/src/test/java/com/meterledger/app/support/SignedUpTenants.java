package com.meterledger.app.support;

import com.meterledger.embedded.EmbeddedMailSink;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new tenant made as a property group makes one: signed up, verified from the mail in the sink; a tenant with test
 * clients ({@link TestTenants}) then gets them from its administrator.
 */
public final class SignedUpTenants {
    private static final Pattern LINK = Pattern.compile("https?://\\S+/signup/verify\\?token=(\\S+)");
    private static final Pattern INVITATION = Pattern.compile("https?://\\S+/invitation\\?token=(\\S+)");
    public static final String PASSWORD = "correct horse battery staple";

    private SignedUpTenants() {
    }

    public record SignedUp(String slug, String email, String password) {
    }

    public static SignedUp signUpAndVerify(Api anonymous, EmbeddedMailSink mailbox, String language) {
        return signUpAndVerify(anonymous, mailbox, language, "pg-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public static SignedUp signUpAndVerify(Api anonymous, EmbeddedMailSink mailbox, String language, String slug) {
        String email = slug + "@example.cn";
        Api.Response accepted = anonymous.post("/api/signups", """
                {"organisationName":"Group %s","slug":"%s","country":"CN","currency":"CNY","timeZone":"Asia/Shanghai",
                 "language":"%s","administratorName":"王经理","administratorEmail":"%s"}"""
                .formatted(slug, slug, language, email));
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        Api.Response verified = anonymous.post("/api/signups/verification",
                "{\"token\":\"%s\",\"password\":\"%s\"}".formatted(token(mailTo(mailbox, email)), PASSWORD));
        assertThat(verified.status()).as(verified.body().toString()).isEqualTo(200);
        // the test clients of this tenant (tenant-z-admin, billing-v-gateway, ...), made by its administrator
        TestTenants.afterSignUp(mailbox, slug, email);
        return new SignedUp(slug, email, PASSWORD);
    }

    public static EmbeddedMailSink.Mail mailTo(EmbeddedMailSink mailbox, String address) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.messages().stream()
                .filter(mail -> mail.to().contains(address)).toList(), mails -> !mails.isEmpty()).getLast();
    }

    /**
     * The tenant's administrator invites {@code email} with one role, and the invitee accepts the mailed link with
     * {@code password} (ignored when the person already has one, from another tenant).
     */
    public static void inviteAndAccept(Api administrator, Api anonymous, EmbeddedMailSink mailbox, String name,
                                       String email, String role, String password) {
        Api.Response invited = administrator.post("/api/tenant/people", """
                {"name":"%s","email":"%s","roles":["%s"],"properties":[]}""".formatted(name, email, role));
        assertThat(invited.status()).as(invited.body().toString()).isEqualTo(201);
        Matcher link = INVITATION.matcher(mailTo(mailbox, email).body());
        assertThat(link.find()).isTrue();
        assertThat(anonymous.post("/api/invitations/acceptance", "{\"token\":\"%s\",\"password\":\"%s\"}"
                .formatted(link.group(1), password)).status()).isEqualTo(200);
    }

    public static String token(EmbeddedMailSink.Mail mail) {
        Matcher link = LINK.matcher(mail.body());
        assertThat(link.find()).as(mail.body()).isTrue();
        return link.group(1);
    }
}
