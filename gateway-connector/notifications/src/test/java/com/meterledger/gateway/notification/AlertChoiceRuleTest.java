package com.meterledger.gateway.notification;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AlertChoiceRuleTest {

    @Test
    void givenBothChannelsWithTheirAddressesWhenJudgedThenBothAreChosenAndTheNumberIsWrittenAsE164() {
        assertThat(AlertChoiceRule.judge(true, " wang@example.cn ", true, "+86 138-1234-5678"))
                .isEqualTo(new AlertChoiceRule.Chosen(Set.of(Channel.EMAIL, Channel.SMS), "wang@example.cn",
                        "+8613812345678"));
    }

    @Test
    void givenAChannelLeftOutWhenJudgedThenItsAddressIsNotKept() {
        assertThat(AlertChoiceRule.judge(false, "wang@example.cn", true, "+31612345678"))
                .isEqualTo(new AlertChoiceRule.Chosen(Set.of(Channel.SMS), null, "+31612345678"));
        assertThat(AlertChoiceRule.judge(false, "x", false, "y"))
                .isEqualTo(new AlertChoiceRule.Chosen(Set.of(), null, null));
    }

    @Test
    void givenAChosenChannelWithoutItsAddressWhenJudgedThenTheFieldIsNamed() {
        assertThat(AlertChoiceRule.judge(true, " ", false, null))
                .isEqualTo(new AlertChoiceRule.Refused("email", AlertChoiceRule.EMAIL_MISSING));
        assertThat(AlertChoiceRule.judge(false, null, true, ""))
                .isEqualTo(new AlertChoiceRule.Refused("phone", AlertChoiceRule.PHONE_MISSING));
    }

    @Test
    void givenAddressesThatAreNoneWhenJudgedThenTheyAreRefusedByName() {
        assertThat(AlertChoiceRule.judge(true, "not-an-address", false, null))
                .isEqualTo(new AlertChoiceRule.Refused("email", AlertChoiceRule.EMAIL_MALFORMED));
        assertThat(AlertChoiceRule.judge(true, "a@b.c\u0000", false, null))
                .isEqualTo(new AlertChoiceRule.Refused("email", AlertChoiceRule.EMAIL_MALFORMED));
        assertThat(AlertChoiceRule.judge(false, null, true, "13812345678"))
                .as("a number without its country is not one an SMS provider takes")
                .isEqualTo(new AlertChoiceRule.Refused("phone", AlertChoiceRule.PHONE_MALFORMED));
        assertThat(AlertChoiceRule.judge(false, null, true, "+86 abc"))
                .isEqualTo(new AlertChoiceRule.Refused("phone", AlertChoiceRule.PHONE_MALFORMED));
    }

    @Test
    void givenTheLandlordOffersEmailOnlyWhenTheOccupantTicksSmsThenTheBoxIsNamedAndNothingIsChosen() {
        java.util.Set<Channel> emailOnly = java.util.Set.of(Channel.EMAIL);

        assertThat(AlertChoiceRule.judge(emailOnly, true, "wang@example.cn", true, "+8613812345678"))
                .isEqualTo(new AlertChoiceRule.Refused("bySms", AlertChoiceRule.NOT_OFFERED));
        assertThat(AlertChoiceRule.judge(java.util.Set.of(Channel.SMS), true, "wang@example.cn", false, null))
                .isEqualTo(new AlertChoiceRule.Refused("byEmail", AlertChoiceRule.NOT_OFFERED));
        assertThat(AlertChoiceRule.judge(emailOnly, true, "wang@example.cn", false, "+8613812345678"))
                .isEqualTo(new AlertChoiceRule.Chosen(java.util.Set.of(Channel.EMAIL), "wang@example.cn", null));
    }
}
