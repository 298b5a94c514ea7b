package com.meterledger.app.people;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.TestPeople;
import com.meterledger.embedded.EmbeddedMailSink;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * people (issue 16): a tenant's administrator may not invite an address that signs in as a platform operator, in any
 * letter case (422 person-address-in-use, the mirror of platform-operator-address-in-use): sign-in finds a tenant's
 * person first, so the operator could no longer sign in as one. Nothing is stored and no mail leaves.
 */
class OperatorAddressInvitationTest extends IntegrationTest {
    @Autowired
    EmbeddedMailSink mailbox;

    @Test
    void givenAPlatformOperatorsAddressWhenAnAdministratorInvitesItThenItIsRefusedAndTheOperatorSignsInAsBefore() {
        Api admin = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD).orElseThrow());
        int listed = admin.get("/api/tenant/people").body().size();
        int mails = mailbox.messages().size();

        Api.Response refused = admin.post("/api/tenant/people", """
                {"name":"Ops","email":"%s","roles":["FINANCE"],"properties":[]}"""
                .formatted(TestPeople.OPERATOR.toUpperCase(Locale.ROOT)));

        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        assertThat(refused.text("rule")).isEqualTo("person-address-in-use");
        assertThat(refused.body().has("title")).as("a problem").isTrue();
        assertThat(admin.get("/api/tenant/people").body().size()).as("nothing stored").isEqualTo(listed);
        assertThat(OwnerJdbc.client().sql("select count(*) from staff_person where lower(email) = lower(?)")
                .param(TestPeople.OPERATOR).query(Long.class).single()).isZero();
        assertThat(mailbox.messages().size()).as("no invitation mailed").isEqualTo(mails);
        String operator = PersonTokens.signIn(port, TestPeople.OPERATOR, TestPeople.PASSWORD).orElseThrow();
        assertThat(new Api("http://localhost:" + port, operator).get("/api/platform/operators").status())
                .as("still signs in as an operator").isEqualTo(200);
    }
}
