package com.meterledger.tenantadmin.signup;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.TenantRules;
import com.meterledger.api.tenant.TenantStatus;
import com.meterledger.tenantadmin.tenant.TenantDirectory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import static com.meterledger.tenantadmin.signup.MailedLinks.withoutCaller;

/**
 * Self-serve sign-up: a property group becomes a tenant in {@link TenantStatus#SIGNED_UP}, its first administrator a
 * person without a password, and a single-use link goes to the administrator's e-mail. Opening the link and choosing
 * a password verifies the tenant; until then nobody can sign in for it.
 *
 * <p>The link's secret is 256 random bits; only its SHA-256 is stored, so the table leaks no usable link. The link
 * names its tenant ({@code <slug>.<secret>}) so that its row is read under that tenant's row-level security.
 */
public class SignUps {
    private static final Logger log = LoggerFactory.getLogger(SignUps.class);
    static final String ACTOR = "signup";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SignUpStore store;
    private final CommandGateway commands;
    private final TenantDirectory directory;
    private final SignUpThrottle throttle;
    private final SignUpProperties properties;
    private final Clock clock;

    SignUps(SignUpStore store, CommandGateway commands, TenantDirectory directory, SignUpThrottle throttle,
            SignUpProperties properties, Clock clock) {
        this.store = store;
        this.commands = commands;
        this.directory = directory;
        this.throttle = throttle;
        this.properties = properties;
        this.clock = clock;
    }

    public record Started(TenantId tenant, Instant verificationExpiresAt) {
    }

    public record Verified(TenantId tenant, String email) {
    }

    /**
     * @throws FieldRejected             a field is malformed, or the slug or e-mail is taken; nothing stored
     * @throws SignUpThrottle.Throttled  the address signed up too often
     */
    public Started signUp(SignUpRequest request, String clientAddress) {
        return withoutCaller(() -> startSignUp(request, clientAddress));
    }

    private Started startSignUp(SignUpRequest request, String clientAddress) {
        SignUpForm form = SignUpForm.of(request);
        if (directory.taken(form.tenant().value())) {
            throw slugTaken();
        }
        throttle.attempt(clientAddress).ifPresent(wait -> {
            throw new SignUpThrottle.Throttled(wait);
        });
        String secret = secret();
        Instant expiresAt = clock.instant().plus(properties.verificationTimeToLive());
        store.create(form.tenant(), form, hash(secret), expiresAt);
        String link = properties.baseUrl() + "/signup/verify?token=" + form.tenant().value() + "." + secret;
        try {
            commands.sendAndWait(SignUpMail.verification(form, link, expiresAt), asTenant(form.tenant()));
            log.info("Tenant {} signed up; verification mail sent", form.tenant());
        } catch (RuntimeException e) {
            // the tenant exists and waits; signing up again after the link expired is the way out
            log.warn("Tenant {} signed up, but its verification mail could not be sent: {}", form.tenant(),
                    e.getClass().getSimpleName());
        }
        return new Started(form.tenant(), expiresAt);
    }

    /**
     * Verifies the administrator's e-mail and sets the password; the tenant becomes {@link TenantStatus#VERIFIED}.
     *
     * @throws RuleViolation an unknown, used or expired link (one answer for all three)
     * @throws FieldRejected a password that breaks {@link Passwords}
     */
    public Verified verify(String token, String password) {
        return withoutCaller(() -> completeSignUp(token, password));
    }

    private Verified completeSignUp(String token, String password) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 1 || dot == token.length() - 1 || token.length() > 200) {
            throw invalidLink();
        }
        TenantId tenant;
        try {
            tenant = new TenantId(token.substring(0, dot));
        } catch (IllegalArgumentException e) {
            throw invalidLink();
        }
        return store.complete(tenant, hash(token.substring(dot + 1)), password);
    }

    /**
     * Sign-up acts for the tenant it creates or verifies, never for a caller: a person of another tenant who happens
     * to send a bearer token (or has a session) must neither bind this work to their tenant nor be refused for it.
     */

    /** Sign-up acts for the tenant it creates, as the actor "signup" (no person is signed in). */
    static MetaData asTenant(TenantId tenant) {
        return MetaData.with(MetadataKeys.TENANT, tenant.value()).and(MetadataKeys.ACTOR, ACTOR)
                .and(MetadataKeys.ORIGIN, "rest");
    }

    static FieldRejected slugTaken() {
        return new FieldRejected("slug", TenantRules.SLUG_TAKEN, "is taken; choose another");
    }

    static RuleViolation invalidLink() {
        return new RuleViolation(TenantRules.VERIFICATION_INVALID,
                "this verification link is unknown, already used or expired; sign up again or ask for a new link");
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
