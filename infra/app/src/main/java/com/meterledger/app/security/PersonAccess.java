package com.meterledger.app.security;

import com.meterledger.api.people.PersonId;
import com.meterledger.edge.security.Caller;
import com.meterledger.tenantadmin.people.AccessEnds;
import com.meterledger.tenantadmin.people.SignInSteps;
import com.meterledger.tenantadmin.people.StaffDirectory;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Optional;
import java.util.UUID;

/**
 * A person's access ends the moment a tenant deactivates them, not when their last token expires.
 * <ul>
 *   <li>{@link #endAccessOf}: the embedded issuer forgets the person's stored authorizations (refresh tokens and
 *   codes), in the deactivation's transaction, so no new access token is issued to them;</li>
 *   <li>{@link #allows}: every request that carries a person's access token (bearer or the web UI's session) is
 *   checked against the person's memberships as they are now: a person deactivated, locked, or no longer a member of
 *   the token's tenant is refused (the API answers 401, the web UI signs them out); so is a token issued before the
 *   person chose a new password by a reset link, before an administrator reset their second factor, or up to the
 *   lockout that wrong passwords or codes typed inside a session reached ({@code SignInGuard.failedWhileSignedIn}; one
 *   more primary-key read per request of a person), and a token of a
 *   person the tenant's second-factor policy now covers who has no second factor yet: switching the policy on ends
 *   such sessions at once, and the next sign-in enrols one ({@link SignInSteps#mustEnrolBeforeActing}).</li>
 * </ul>
 * A platform operator's token ({@code sub} = {@code platform:<id>}) is checked the same way against
 * {@code platform_person}: a deactivated operator's sessions and tokens end at once, as a tenant's person's do, and
 * so do those of an operator without the second factor the platform requires.
 * Machine clients' tokens name no person and are not looked up. The check is one indexed call of the narrow
 * {@code staff_sign_in} function per request of a person.
 */
public class PersonAccess implements AccessEnds {
    private final JdbcTemplate jdbc;
    private final StaffDirectory staff;
    private final SignInSteps signIn;
    private final PlatformPeople operators;

    public PersonAccess(JdbcTemplate jdbc, StaffDirectory staff, SignInSteps signIn, PlatformPeople operators) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.signIn = signIn;
        this.operators = operators;
    }

    @Override
    public void endAccessOfOperator(String principal) {
        jdbc.update("delete from oauth2_authorization where principal_name = ?", principal);
    }

    @Override
    public void endAccessOf(PersonId person) {
        // person:<id>, or person:<id>@<tenant> for a person who picked a tenant at sign-in
        jdbc.update("delete from oauth2_authorization where principal_name = ? or principal_name like ?",
                PeopleSignIn.PERSON_PREFIX + person.value(), PeopleSignIn.PERSON_PREFIX + person.value() + "@%");
    }

    /** Whether the token's person (if it names one) may still act for the token's tenant. */
    public boolean allows(Jwt token) {
        if (token.getSubject() != null && token.getSubject().startsWith(PlatformPeople.PRINCIPAL_PREFIX)) {
            // an operator without the second factor the platform requires of them: the next sign-in enrols one
            return operators.byPrincipal(token.getSubject()).filter(PlatformPeople.Operator::maySignIn)
                    .filter(operator -> !signIn.operatorMustEnrolBeforeActing(operator.personId())).isPresent();
        }
        Optional<UUID> person = personOf(token.getSubject());
        if (person.isEmpty()) {
            return true;
        }
        String tenant = token.getClaimAsString(Caller.TENANT_CLAIM);
        if (staff.issuedBeforeAccessReset(person.get(), token.getIssuedAt())) {
            return false;
        }
        return staff.byId(person.get())
                .filter(StaffDirectory.StaffPerson::maySignIn)
                .map(found -> tenant == null || found.signInTenants().stream()
                        .anyMatch(membership -> membership.tenant().value().equals(tenant))
                        && !signIn.mustEnrolBeforeActing(found, tenant))
                .orElse(false);
    }

    /** A person's subject names them; a malformed one names nobody who may act. */
    static Optional<UUID> personOf(String subject) {
        if (subject == null || !subject.startsWith(PeopleSignIn.PERSON_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(SignInSteps.personOf(subject).orElse(new UUID(0, 0)));
    }
}
