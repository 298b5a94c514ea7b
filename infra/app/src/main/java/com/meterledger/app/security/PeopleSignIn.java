package com.meterledger.app.security;

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
    public static final String PERSON_PREFIX = "person:";

    private final UserDetailsService demoUsers;
    private final StaffDirectory staff;

    public PeopleSignIn(UserDetailsService demoUsers, StaffDirectory staff) {
        this.demoUsers = demoUsers;
        this.staff = staff;
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
            return User.withUsername(PERSON_PREFIX + person.personId()).password(person.passwordHash())
                    .roles(membership.roles().toArray(String[]::new)).build();
        }
    }

    /** What a person's token carries: the tenant, roles and properties of their first tenant open to sign-in. */
    public record PersonGrant(String name, String tenant, List<String> roles, List<String> properties)
            implements AuthProperties.Grant {
    }

    public Optional<PersonGrant> grantOf(String principalName) {
        if (!principalName.startsWith(PERSON_PREFIX)) {
            return Optional.empty();
        }
        UUID personId;
        try {
            personId = UUID.fromString(principalName.substring(PERSON_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return staff.byId(personId).filter(StaffDirectory.StaffPerson::maySignIn)
                .map(person -> {
                    StaffDirectory.Membership membership = person.signInTenants().getFirst();
                    return new PersonGrant(person.name(), membership.tenant().value(), membership.roles(),
                            membership.properties());
                });
    }
}
