package com.meterledger.tenantadmin.people;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.TenantId;
import org.springframework.stereotype.Service;

import java.util.Optional;

import static com.meterledger.tenantadmin.signup.MailedLinks.withoutCaller;

/**
 * The invitee's door: the mailed link is the credential, no one is signed in. It acts for the tenant the link names,
 * never for a caller who happens to send a token or have a session.
 */
@Service
public class Invitations {
    private final InvitationLinks links;

    public Invitations(InvitationLinks links) {
        this.links = links;
    }

    /** The invitation behind a link, if it still works. */
    public Optional<InvitationLinks.Pending> pending(String token) {
        return withoutCaller(() -> tenantOf(token).flatMap(tenant -> links.pending(tenant, secretHash(token))));
    }

    /**
     * @throws RuleViolation an unknown, used or expired link
     * @throws FieldRejected a weak password (which rule)
     */
    public InvitationLinks.Accepted accept(String token, String password) {
        return withoutCaller(() -> links.accept(tenantOf(token).orElseThrow(InvitationLinks::invalid),
                secretHash(token), password));
    }

    private static Optional<TenantId> tenantOf(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 1 || dot == token.length() - 1 || token.length() > 200) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TenantId(token.substring(0, dot)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String secretHash(String token) {
        return InvitationLinks.hash(token.substring(token.indexOf('.') + 1));
    }

}
