package com.meterledger.app.security;

import com.meterledger.tenantadmin.people.SignInGuard;
import com.meterledger.tenantadmin.people.SignInSteps;
import com.meterledger.tenantadmin.people.StaffDirectory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may sign in at the embedded issuer's login page: the configured demo users first, then the people of
 * tenant-admin by e-mail. A person's principal name is {@code person:<id>}, so the tokens and every event's actor name
 * an opaque id, never an e-mail address. An unverified, locked or deactivated person, or one whose only tenants are
 * unverified or closed, is unknown here: the login page says the same for every refusal.
 */
public class PeopleSignIn implements UserDetailsService {
    public static final String PERSON_PREFIX = SignInSteps.PERSON_PREFIX;

    private final UserDetailsService demoUsers;
    private final StaffDirectory staff;
    private final SignInGuard guard;

    public PeopleSignIn(UserDetailsService demoUsers, StaffDirectory staff, SignInGuard guard) {
        this.demoUsers = demoUsers;
        this.staff = staff;
        this.guard = guard;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        try {
            return demoUsers.loadUserByUsername(username);
        } catch (UsernameNotFoundException notADemoUser) {
            StaffDirectory.StaffPerson person = staff.byEmail(username)
                    .filter(StaffDirectory.StaffPerson::maySignIn)
                    .orElseThrow(() -> new UsernameNotFoundException("no such person"));
            StaffDirectory.Membership membership = person.signInTenants().getFirst();
            // locked: refused before the password is checked (LockedException), the login page says until when
            return User.withUsername(PERSON_PREFIX + person.personId()).password(person.passwordHash())
                    .accountLocked(guard.lockedUntil(username).isPresent())
                    .roles(membership.roles().toArray(String[]::new)).build();
        }
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
