package com.meterledger.api.tenant;

import com.meterledger.api.notification.OccupantChannel;
import com.meterledger.api.error.FieldRejected;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** channels: the SMS sender name an SMS provider takes, and the channels a tenant offers, judged before either is stored. */
class ChannelSettingsTest {

    @Test
    void givenAnAlphanumericSenderIdWhenJudgedThenItIsTheProvidersFromAndTheTextIsUnchanged() {
        assertThat(SmsSenderName.judge("HarbourHome")).isEqualTo(new SmsSenderName.SenderId("HarbourHome"));
        SmsSenderName name = new SmsSenderName("  Harbour 24 ");

        assertThat(name.value()).isEqualTo("Harbour 24");
        assertThat(name.signature()).isFalse();
        assertThat(name.from()).isEqualTo("Harbour 24");
        assertThat(name.sign("Your balance is low.")).isEqualTo("Your balance is low.");
    }

    @Test
    void givenAChineseSignatureWithOrWithoutBracketsWhenStoredThenItIsKeptInBracketsAndHeadsTheText() {
        assertThat(SmsSenderName.judge("【海港物业】")).isEqualTo(new SmsSenderName.Signature("海港物业"));
        SmsSenderName bare = new SmsSenderName("海港物业");
        SmsSenderName bracketed = new SmsSenderName("【海港物业】");

        assertThat(bare).isEqualTo(bracketed);
        assertThat(bracketed.value()).isEqualTo("【海港物业】");
        assertThat(bracketed.signature()).isTrue();
        assertThat(bracketed.from()).isEqualTo("海港物业");
        assertThat(bracketed.sign("您的余额不足。")).isEqualTo("【海港物业】您的余额不足。");
        assertThat(new SmsSenderName("【港湾Homes2】").from()).isEqualTo("港湾Homes2");
    }

    @Test
    void givenTheLongestAcceptedNamesWhenJudgedThenBothFormsFitTheirProvidersBounds() {
        assertThat(SmsSenderName.judge("ABCDEFGHIJK")).isInstanceOf(SmsSenderName.SenderId.class);
        assertThat(SmsSenderName.judge("港湾物业港湾物业港湾物业")).isInstanceOf(SmsSenderName.Signature.class);
        assertThat(SmsSenderName.judge("【港湾】")).isInstanceOf(SmsSenderName.Signature.class);
    }

    @Test
    void givenNamesNoProviderTakesWhenJudgedThenEachIsRefusedByItsRule() {
        assertThat(rule(null)).isEqualTo(SmsSenderName.MISSING);
        assertThat(rule("   ")).isEqualTo(SmsSenderName.MISSING);
        assertThat(rule("HarbourHomes")).isEqualTo(SmsSenderName.LENGTH);
        assertThat(rule("【港】")).isEqualTo(SmsSenderName.LENGTH);
        assertThat(rule("港湾物业港湾物业港湾物业港")).isEqualTo(SmsSenderName.LENGTH);
        assertThat(rule("Harb-Home")).isEqualTo(SmsSenderName.CHARACTERS);
        assertThat(rule("Hárbour")).isEqualTo(SmsSenderName.CHARACTERS);
        assertThat(rule("【海港 物业】")).isEqualTo(SmsSenderName.CHARACTERS);
        assertThat(rule("海港物业!")).isEqualTo(SmsSenderName.CHARACTERS);
        assertThat(rule("10690000")).isEqualTo(SmsSenderName.NO_LETTER);
        assertThat(rule("【海港物业")).isEqualTo(SmsSenderName.BRACKETS);
        assertThat(rule("海港物业】")).isEqualTo(SmsSenderName.BRACKETS);
        assertThat(rule("Harbour\u0000")).isEqualTo("text-control-character");
    }

    @Test
    void givenARefusedNameWhenARecordIsMadeThenTheRefusalNamesTheField() {
        assertThatThrownBy(() -> new SmsSenderName("Harb-Home"))
                .isInstanceOfSatisfying(FieldRejected.class, e -> {
                    assertThat(e.field()).isEqualTo("senderName");
                    assertThat(e.rule()).isEqualTo(SmsSenderName.CHARACTERS);
                });
    }

    @Test
    void givenNoChannelOrAMalformedStaffAddressWhenChannelsAreMadeThenTheFieldIsNamed() {
        assertThatThrownBy(() -> new NotificationChannels(Set.of(), null))
                .isInstanceOfSatisfying(FieldRejected.class, e -> assertThat(e.field()).isEqualTo("occupantChannels"));
        assertThatThrownBy(() -> new NotificationChannels(Set.of(OccupantChannel.SMS), "control room"))
                .isInstanceOfSatisfying(FieldRejected.class, e -> {
                    assertThat(e.field()).isEqualTo("staffAlertAddress");
                    assertThat(e.rule()).isEqualTo(NotificationChannels.ADDRESS_MALFORMED);
                });
        assertThatThrownBy(() -> new NotificationChannels(Set.of(OccupantChannel.WEBHOOK), null))
                .isInstanceOfSatisfying(FieldRejected.class, e -> assertThat(e.field()).isEqualTo("occupantChannels"));
        NotificationChannels smsOnly = new NotificationChannels(Set.of(OccupantChannel.SMS), "  ");

        assertThat(smsOnly.staffAlertAddress()).isNull();
        assertThat(smsOnly.offers(OccupantChannel.EMAIL)).isFalse();
        assertThat(NotificationChannels.standard().occupantChannels())
                .containsExactlyInAnyOrder(OccupantChannel.EMAIL, OccupantChannel.SMS);
    }

    private static String rule(String typed) {
        return switch (SmsSenderName.judge(typed)) {
            case SmsSenderName.Refused refused -> refused.rule();
            case SmsSenderName.SenderId id -> "accepted " + id;
            case SmsSenderName.Signature signature -> "accepted " + signature;
        };
    }
}
