package com.meterledger.app.security.keys;

import com.meterledger.edge.security.KeyCipher;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the issuer's private keys are sealed for the database, and when the key-encryption key is refused. */
class KeyCipherTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString(
            "another-key-of-thirty-two-bytes!".getBytes(StandardCharsets.US_ASCII));
    private final byte[] secret = "a private key".getBytes(StandardCharsets.US_ASCII);

    @Test
    void givenASealedKeyWhenOpenedWithTheSameKeyAndKidThenItIsTheOriginal() {
        KeyCipher cipher = KeyCipher.fromBase64(KEY);
        byte[] sealed = cipher.encrypt("kid-1", secret);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("a private key");
        assertThat(cipher.decrypt("kid-1", sealed)).isEqualTo(secret);
    }

    @Test
    void givenTheSameKeyTwiceWhenSealedThenTheCiphertextsDifferByTheirNonce() {
        KeyCipher cipher = KeyCipher.fromBase64(KEY);
        assertThat(cipher.encrypt("kid-1", secret)).isNotEqualTo(cipher.encrypt("kid-1", secret));
    }

    @Test
    void givenAnotherKeyEncryptionKeyWhenOpenedThenItIsRefusedNamingTheSetting() {
        byte[] sealed = KeyCipher.fromBase64(KEY).encrypt("kid-1", secret);

        assertThatThrownBy(() -> KeyCipher.fromBase64(OTHER_KEY).decrypt("kid-1", sealed))
                .isInstanceOf(KeyCipher.WrongKey.class)
                .hasMessageContaining(SigningKeyProperties.ENCRYPTION_KEY_SETTING);
    }

    @Test
    void givenACiphertextMovedToAnotherKidWhenOpenedThenItIsRefused() {
        KeyCipher cipher = KeyCipher.fromBase64(KEY);
        byte[] sealed = cipher.encrypt("kid-1", secret);

        assertThatThrownBy(() -> cipher.decrypt("kid-2", sealed)).isInstanceOf(KeyCipher.WrongKey.class);
    }

    @Test
    void givenAKeyThatIsNot32BytesOrNotBase64WhenConfiguredThenItIsRefused() {
        assertThatThrownBy(() -> KeyCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> KeyCipher.fromBase64("not base64 !"))
                .hasMessageContaining("is not base64");
    }

    @Test
    void givenTheDeployProfileWhenTheKeyIsMissingOrTheDevelopmentOneThenTheApplicationDoesNotStart() {
        assertThatThrownBy(() -> SigningKeyConfiguration.encryptionKey("", true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("METERLEDGER_SIGNING_KEY_ENCRYPTION_KEY").hasMessageContaining("deploy");
        assertThatThrownBy(() -> SigningKeyConfiguration.encryptionKey(
                SigningKeyConfiguration.DEVELOPMENT_ENCRYPTION_KEY, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("public development key");
        assertThat(SigningKeyConfiguration.encryptionKey(OTHER_KEY, true)).isEqualTo(OTHER_KEY);
    }

    @Test
    void givenALocalRunWhenNoKeyIsConfiguredThenTheDevelopmentKeyIsUsed() {
        assertThat(SigningKeyConfiguration.encryptionKey(null, false))
                .isEqualTo(SigningKeyConfiguration.DEVELOPMENT_ENCRYPTION_KEY);
        assertThat(KeyCipher.fromBase64(SigningKeyConfiguration.DEVELOPMENT_ENCRYPTION_KEY)).isNotNull();
    }
}
