package com.meterledger.tenantadmin.people;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.TenantStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The people who sign in for tenants, as sign-in needs them: before any tenant is known, through the one narrow
 * database door {@code staff_sign_in}. A person is named by an opaque id in tokens and events, never by the e-mail.
 */
@Repository
public class StaffDirectory {
    private final JdbcClient jdbc;

    public StaffDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Membership(TenantId tenant, List<String> roles, List<String> properties, TenantStatus status) {
    }

    /** @param passwordHash Spring Security's encoded form ({@code {bcrypt}...}); null until the person chose one */
    public record StaffPerson(UUID personId, String name, String passwordHash, String state,
                              List<Membership> memberships) {
        /** Active, with a password, and at least one tenant whose staff may sign in. */
        public boolean maySignIn() {
            return "ACTIVE".equals(state) && passwordHash != null && !signInTenants().isEmpty();
        }

        public List<Membership> signInTenants() {
            return memberships.stream().filter(membership -> membership.status().staffMaySignIn()).toList();
        }
    }

    /**
     * Whether a token issued at {@code issuedAt} predates the person's last password reset, the last reset of their
     * second factor by an administrator, or the last lockout that ended their access
     * ({@link SignInGuard#failedWhileSignedIn}), and must be refused. Token times are whole seconds, so the change is compared at whole seconds too: a token
     * issued within a reset's own second is still accepted (the new sign-in right after a reset must work), but not one
     * issued within the lockout's second (no sign-in succeeds while the lockout lasts, so every such token is older).
     */
    @Transactional(readOnly = true)
    public boolean issuedBeforeAccessReset(UUID personId, Instant issuedAt) {
        if (issuedAt == null) {
            return false;
        }
        return jdbc.sql("select greatest(password_changed_at, second_factor_reset_at), access_ended_at "
                        + "from staff_person where person_id = ?").param(personId)
                .query((rs, row) -> issuedAt.isBefore(wholeSeconds(rs.getTimestamp(1)))
                        || !issuedAt.isAfter(wholeSeconds(rs.getTimestamp(2))))
                .optional().orElse(false);
    }

    private static Instant wholeSeconds(Timestamp moment) {
        return moment == null ? Instant.MIN : moment.toInstant().truncatedTo(ChronoUnit.SECONDS);
    }

    @Transactional(readOnly = true)
    public Optional<StaffPerson> byEmail(String email) {
        return person(email, null);
    }

    @Transactional(readOnly = true)
    public Optional<StaffPerson> byId(UUID personId) {
        return person(null, personId);
    }

    private Optional<StaffPerson> person(String email, UUID personId) {
        List<Row> rows = jdbc.sql("select * from staff_sign_in(?, ?)").params(email, personId)
                .query(StaffDirectory::row).list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row first = rows.getFirst();
        List<Membership> memberships = new ArrayList<>();
        for (Row row : rows) {
            if (row.membership() != null) {
                memberships.add(row.membership());
            }
        }
        return Optional.of(new StaffPerson(first.personId(), first.name(), first.passwordHash(), first.state(),
                List.copyOf(memberships)));
    }

    private record Row(UUID personId, String name, String passwordHash, String state, Membership membership) {
    }

    private static Row row(ResultSet rs, int index) throws SQLException {
        String tenant = rs.getString("tenant_id");
        String status = rs.getString("tenant_status");
        Membership membership = tenant == null || status == null ? null : new Membership(new TenantId(tenant),
                List.of((String[]) rs.getArray("roles").getArray()),
                Arrays.asList((String[]) rs.getArray("properties").getArray()), TenantStatus.valueOf(status));
        return new Row(rs.getObject("person_id", UUID.class), rs.getString("name"), rs.getString("password_hash"),
                rs.getString("state"), membership);
    }
}
