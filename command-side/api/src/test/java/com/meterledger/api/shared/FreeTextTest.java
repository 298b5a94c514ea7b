package com.meterledger.api.shared;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.error.FieldRejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreeTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "tab\there", "line\nbreak", "del\u007F", "next-line\u0085", "csi\u009B"})
    void controlCharactersAreRefusedWithTheirCodePoint(String text) {
        assertThat(FreeText.judge(text, FreeText.TEXT)).isInstanceOfSatisfying(FreeText.Refused.class, refused -> {
            assertThat(refused.rule()).isEqualTo(FreeText.CONTROL_CHARACTER);
            assertThat(refused.reason()).containsPattern("U\\+00[0-9A-F]{2}");
        });
    }

    @Test
    void aLoneSurrogateIsMalformed() {
        assertThat(FreeText.judge("a\uD800b", FreeText.TEXT))
                .isEqualTo(new FreeText.Refused(FreeText.MALFORMED,
                        "must be well-formed Unicode (a lone surrogate at character 2)"));
    }

    @Test
    void lengthIsCountedInCharactersAsPostgresqlCountsThem() {
        String emoji = "\uD83D\uDCA1"; // one character, two UTF-16 units
        assertThat(FreeText.judge(emoji.repeat(200), FreeText.NAME)).isEqualTo(new FreeText.Fits());
        assertThat(FreeText.judge("x".repeat(201), FreeText.NAME))
                .isEqualTo(new FreeText.Refused(FreeText.TOO_LONG, "must be at most 200 characters (it has 201)"));
    }

    @Test
    void ordinaryTextInAnyScriptFits() {
        assertThat(FreeText.judge("Sunrise Court, 12 Rue de l'Église · 朝阳花园 3号楼", FreeText.TEXT))
                .isEqualTo(new FreeText.Fits());
        assertThat(FreeText.judge(null, 1)).isEqualTo(new FreeText.Fits());
    }

    @Test
    void aCommandCannotBeBuiltWithARefusedFieldAndNamesIt() {
        assertThatThrownBy(() -> new RecordTopUp(new AccountId("a-1"), Money.of(100, "EUR"), "a\u0000b", null))
                .isInstanceOfSatisfying(FieldRejected.class, rejected -> {
                    assertThat(rejected.field()).isEqualTo("reference");
                    assertThat(rejected.rule()).isEqualTo(FreeText.CONTROL_CHARACTER);
                    assertThat(rejected.getMessage()).isEqualTo(
                            "reference: must not contain control characters (U+0000 at character 2)");
                });
    }
}
