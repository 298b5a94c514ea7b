package com.meterledger.tenantadmin.people;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * A platform operator helps a tenant's person who lost their phone, where no tenant's administrator may
 * ({@link SecondFactorResetRule}: the person works for several tenants). The operator finds the person by their exact
 * e-mail address and sees only what the reset needs: the person's id, name and the tenants they are an active member
 * of. The reset is the administrator's reset with the operator as actor ({@link SecondFactors#resetLost}: a
 * {@code SecondFactorRemoved} in every tenant, never the key), and it ends the person's access the same way: their
 * refresh tokens are deleted and the access tokens issued before are refused.
 */
@Service
public class OperatorSecondFactorResets {
    private final JdbcClient jdbc;
    private final SecondFactors secondFactors;

    public OperatorSecondFactorResets(JdbcClient jdbc, SecondFactors secondFactors) {
        this.jdbc = jdbc;
        this.secondFactors = secondFactors;
    }

    /** @param tenants the tenants the person is an active member of */
    public record StaffPersonView(String personId, String name, List<String> tenants) {
    }

    /**
     * The person with exactly this address (letter case aside, as at sign-in).
     *
     * @throws com.meterledger.api.error.FieldRejected not an e-mail address ({@code email})
     * @throws NotFound no tenant's person has it
     */
    @Transactional(readOnly = true)
    public StaffPersonView find(String email) {
        String address = People.email(email);
        UUID person = jdbc.sql("select person_id from staff_person where lower(email) = ?").param(address)
                .query(UUID.class).optional().orElseThrow(() -> new NotFound("person", "with that address"));
        return view(person);
    }

    /**
     * Takes the person's second factor away in every tenant they work for, with the operator as actor, and ends
     * their access.
     *
     * @param actor the operator ({@code platform:<id>})
     * @throws NotFound no such person
     * @throws RuleViolation the person has no second factor: nothing changes
     */
    @Transactional
    public StaffPersonView reset(String personId, String actor) {
        UUID person = People.personIdOf(personId);
        StaffPersonView found = view(person);
        if (OperatorResetRule.judge(secondFactors.enrolled(person)) instanceof OperatorResetRule.Refused refused) {
            throw new RuleViolation(refused.rule(), refused.reason());
        }
        secondFactors.resetLost(person, actor);
        return found;
    }

    private StaffPersonView view(UUID person) {
        String name = jdbc.sql("select name from staff_person where person_id = ?").param(person)
                .query(String.class).optional().orElseThrow(() -> new NotFound("person", person.toString()));
        List<String> tenants = jdbc.sql("select tenant_id from staff_members_of(?)").param(person)
                .query(String.class).list();
        return new StaffPersonView(person.toString(), name, tenants);
    }
}
