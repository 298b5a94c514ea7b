package com.meterledger.app.security;

import com.meterledger.tenantadmin.people.SignInGuard;
import com.meterledger.tenantadmin.people.SignInSteps;
import com.meterledger.tenantadmin.people.StaffDirectory;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import com.meterledger.edge.security.Roles;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may sign in at the embedded issuer's login page: the people of tenant-admin by e-mail (no person is
 * configuration, in no profile). A person's principal name is {@code person:<id>}, so the tokens and every event's actor name
 * an opaque id, never an e-mail address. An unverified, locked or deactivated person, or one whose only tenants are
 * unverified or closed, is unknown here: the login page says the same for every refusal. After the staff come the
 * platform's operators ({@link PlatformPeople}, principal {@code platform:<id>}): their token has no tenant and only
 * {@code PLATFORM_ADMIN}, and an address that is a tenant's person is never looked up as an operator.
 */
public class PeopleSignIn implements UserDetailsService {
    public static final String PERSON_PREFIX = SignInSteps.PERSON_PREFIX;

    private final StaffDirectory staff;
    private final SignInGuard guard;
    private final PlatformPeople operators;

    public PeopleSignIn(StaffDirectory staff, SignInGuard guard, PlatformPeople operators) {
        this.staff = staff;
        this.guard = guard;
        this.operators = operators;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Optional<StaffDirectory.StaffPerson> staffPerson = staff.byEmail(username);
        if (staffPerson.isEmpty()) {
            return operator(username);
        }
        StaffDirectory.StaffPerson person = staffPerson.filter(StaffDirectory.StaffPerson::maySignIn)
                .orElseThrow(() -> new UsernameNotFoundException("no such person"));
        StaffDirectory.Membership membership = person.signInTenants().getFirst();
        // locked: refused before the password is checked (LockedException), the login page says until when
        return User.withUsername(PERSON_PREFIX + person.personId()).password(person.passwordHash())
                .accountLocked(guard.lockedUntil(username).isPresent())
                .roles(membership.roles().toArray(String[]::new)).build();
    }

    /** A platform operator: no tenant, only {@code PLATFORM_ADMIN}; locked like the staff (LockedException). */
    private UserDetails operator(String username) {
        PlatformPeople.Operator operator = operators.byEmail(username).filter(PlatformPeople.Operator::maySignIn)
                .orElseThrow(() -> new UsernameNotFoundException("no such person"));
        return User.withUsername(operator.principal()).password(operator.passwordHash())
                .accountLocked(operators.lockedUntil(username).isPresent())
                .roles(Roles.PLATFORM_ADMIN).build();
    }

    /** What a platform operator's token carries: no tenant, no properties, the one role. */
    public record OperatorGrant(String name, String tenant, List<String> roles, List<String> properties)
            implements AuthProperties.Grant {
    }

    /** The grant of a principal {@code platform:<id>} whose operator may still sign in. */
    public Optional<OperatorGrant> operatorGrantOf(String principalName) {
        return operators.byPrincipal(principalName).filter(PlatformPeople.Operator::maySignIn)
                .map(operator -> new OperatorGrant(operator.name(), null, List.of(Roles.PLATFORM_ADMIN), List.of()));
    }

    /** What a person's token carries: the tenant, roles and properties of their first tenant open to sign-in. */
    public record PersonGrant(String name, String tenant, List<String> roles, List<String> properties)
            implements AuthProperties.Grant {
    }

    public Optional<PersonGrant> grantOf(String principalName) {
        Optional<UUID> personId = SignInSteps.personOf(principalName);
        if (personId.isEmpty()) {
            return Optional.empty();
        }
        // the tenant the person picked at sign-in (SignInSteps), else their one tenant
        Optional<String> picked = SignInSteps.tenantOf(principalName);
        return staff.byId(personId.get()).filter(StaffDirectory.StaffPerson::maySignIn)
                .flatMap(person -> person.signInTenants().stream()
                        .filter(m -> picked.isEmpty() || m.tenant().value().equals(picked.get())).findFirst()
                        .map(membership -> new PersonGrant(person.name(), membership.tenant().value(),
                                membership.roles(), membership.properties())));
    }
}
