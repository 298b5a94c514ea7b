package com.meterledger.tenantadmin.people;

import com.meterledger.api.people.RecordSecondFactorEnrolment;
import com.meterledger.api.people.StaffMemberId;
import com.meterledger.api.shared.MetadataKeys;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A person's optional TOTP second factor ({@link Totp}). The shared secret lives only in the person's own row of the
 * deletable person table, never in an event or a log line; enrolling needs a code from the app, so a secret that
 * never reached the app cannot lock the person out. Enrolment is an event ({@code SecondFactorEnrolled}) in every
 * tenant the person works for.
 */
@Service
public class SecondFactors {
    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final Clock clock = Clock.systemUTC();

    public SecondFactors(JdbcClient jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    public boolean enrolled(UUID person) {
        return secretOf(person).isPresent();
    }

    /** Whether the code is the person's current one (no second factor: never). */
    public boolean verify(UUID person, String code) {
        return secretOf(person).map(secret -> Totp.verify(secret, code, clock.instant())).orElse(false);
    }

    /**
     * Keeps the secret the app was given once the app's first code matches it.
     *
     * @return whether the code matched and the secret is now the person's
     */
    public boolean enrol(UUID person, String secret, String code) {
        if (secret == null || !Totp.verify(secret, code, clock.instant())) {
            return false;
        }
        Instant now = clock.instant();
        jdbc.sql("update staff_person set totp_secret = ?, totp_enrolled_at = ? where person_id = ?")
                .params(secret, Timestamp.from(now), person).update();
        jdbc.sql("select tenant_id, member_id from staff_members_of(?)").param(person)
                .query((rs, row) -> new String[]{rs.getString(1), rs.getString(2)}).list()
                .forEach(member -> commands.sendAndWait(new RecordSecondFactorEnrolment(
                        new StaffMemberId(member[1])), MetaData.with(MetadataKeys.TENANT, member[0])
                        .and(MetadataKeys.ACTOR, "person:" + person).and(MetadataKeys.ORIGIN, "rest")));
        return true;
    }

    private Optional<String> secretOf(UUID person) {
        return jdbc.sql("select totp_secret from staff_person where person_id = ? and totp_secret is not null")
                .param(person).query(String.class).optional();
    }
}
