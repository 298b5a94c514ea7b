package com.meterledger.tenantadmin.people;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.people.StaffRules;
import com.meterledger.tenantadmin.signup.Passwords;
import com.meterledger.tenantadmin.signup.SignUpProperties;
import com.meterledger.tenantadmin.signup.SignUpThrottle;
import com.meterledger.api.people.RecordPasswordChange;
import com.meterledger.api.people.StaffMemberId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;

import static com.meterledger.tenantadmin.signup.MailedLinks.withoutCaller;

/**
 * Self-service password reset by mail. Asking always gets the same answer, whether or not the address belongs to
 * anyone, and is limited per client address like sign-up ({@link SignUpThrottle}), so the door neither tells who has
 * an account nor mails a person a flood of links. A known, active person gets a link (256 random bits, only the
 * SHA-256 stored, single use, {@code meterledger.people.password-reset-time-to-live}, one hour) in the language of
 * the first tenant they work for. Choosing the new password (sign-up's {@link Passwords} rules) ends every
 * authorization the person holds, as a deactivation does, resets the lockout count, closes the person's other open
 * links, and records {@code PasswordChanged} (ids and actor only) in each tenant the person works for.
 */
@Service
public class PasswordResets {
    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);
    private final PasswordResetLinks links;
    private final CommandGateway commands;
    private final SignUpThrottle throttle;

    public PasswordResets(PasswordResetLinks links, CommandGateway commands, SignUpProperties properties) {
        this.links = links;
        this.commands = commands;
        this.throttle = new SignUpThrottle(properties.perAddressPerHour(), Clock.systemUTC());
    }

    /** What the new-password page needs before the person sends it: the link works. */
    public boolean usable(String token) {
        return withoutCaller(() -> links.open(hashOf(token)).isPresent());
    }

    /**
     * Mails a link if the address is an active person's; the caller answers the same either way.
     *
     * @throws FieldRejected not an e-mail address at all ({@code email}); nothing stored
     * @throws SignUpThrottle.Throttled this client address asked too often
     */
    public void request(String email, String clientAddress) {
        // what is no address at all is refused as such: that tells nothing about anyone's account
        String address = People.email(email);
        throttle.attempt(clientAddress == null ? "" : clientAddress).ifPresent(wait -> {
            throw new SignUpThrottle.Throttled(wait);
        });
        withoutCaller(() -> {
            try {
                List<TenantId> tenants = links.tenantsOf(address);
                if (tenants.isEmpty()) {
                    // no one, or no one who signs in anywhere: a link would open nothing
                    log.info("A password reset was asked for an address of no active member; nothing mailed");
                } else {
                    links.send(tenants.getFirst(), address);
                }
            } catch (PasswordResetLinks.MailFailed e) {
                // logged where it failed; the answer stays the one every address gets
            }
            return null;
        });
    }

    /**
     * @throws RuleViolation an unknown, used or expired link (one answer for all three); nothing stored
     * @throws FieldRejected a password that breaks {@link Passwords}; the link still works
     */
    public void complete(String token, String password) {
        withoutCaller(() -> {
            PasswordResetLinks.Changed changed = links.change(hashOf(token), password);
            // each tenant's record in a unit of work of that tenant, as a lockout's (SignInGuard)
            changed.members().forEach(member -> commands.sendAndWait(
                    new RecordPasswordChange(new StaffMemberId(member[1])),
                    MetaData.with(MetadataKeys.TENANT, member[0]).and(MetadataKeys.ACTOR, "person:" + changed.person())
                            .and(MetadataKeys.ORIGIN, "rest")));
            return null;
        });
    }

    public static RuleViolation invalid() {
        return new RuleViolation(StaffRules.PASSWORD_RESET_INVALID, invalidText());
    }

    public static String invalidText() {
        return "this password reset link is unknown, already used or expired; ask for a new one";
    }

    private static String hashOf(String token) {
        return token == null || token.isBlank() || token.length() > 200 ? null : InvitationLinks.hash(token.strip());
    }

}
