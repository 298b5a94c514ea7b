package com.meterledger.app.security;

import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The issuer's stored authorizations are forgotten a day after all their codes and tokens expired, not before. */
class IssuerHousekeepingTest extends IntegrationTest {
    @Autowired
    IssuerHousekeeping housekeeping;

    @Test
    void givenAnAuthorizationExpiredTwoDaysAgoAndALiveOneWhenHousekeepingRunsThenOnlyTheExpiredOneIsGone() {
        TestTokens.clientCredentials(port, "tenant-a-auditor", "test-secret");
        insertExpired("housekeeping-expired", Duration.ofDays(2));
        insertExpired("housekeeping-recent", Duration.ofHours(1));

        assertThat(housekeeping.forgetExpired()).isGreaterThanOrEqualTo(1);

        assertThat(count("id = 'housekeeping-expired'")).isZero();
        assertThat(count("id = 'housekeeping-recent'")).as("expired an hour ago: kept a day").isEqualTo(1);
        assertThat(count("registered_client_id = 'tenant-a-auditor' and access_token_expires_at > now()"))
                .as("the live token's authorization").isGreaterThanOrEqualTo(1);
    }

    private static void insertExpired(String id, Duration ago) {
        Instant expired = Instant.now().minus(ago);
        OwnerJdbc.client().sql("""
                        insert into oauth2_authorization (id, registered_client_id, principal_name,
                            authorization_grant_type, access_token_value, access_token_issued_at,
                            access_token_expires_at)
                        values (?, 'tenant-a-auditor', 'tenant-a-auditor', 'client_credentials', 'x', ?, ?)""")
                .params(id, Timestamp.from(expired.minus(Duration.ofMinutes(30))), Timestamp.from(expired)).update();
    }

    private static long count(String where) {
        return OwnerJdbc.client().sql("select count(*) from oauth2_authorization where " + where)
                .query(Long.class).single();
    }
}
