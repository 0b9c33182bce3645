package io.fxhome.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class AccountSecretsCipherTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    static String newKeyBase64() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static AccountSecrets secrets() {
        byte[] kSync = new byte[64];
        RANDOM.nextBytes(kSync);
        return new AccountSecrets("9a1f" + HexFormat.of().formatHex(kSync).substring(0, 60), kSync,
                "1510726317123-BAik7hEOdpGnPZnPBSdaTg");
    }

    @Test
    void sealsAndOpens() {
        AccountSecretsCipher cipher = new AccountSecretsCipher(MasterKeyRing.parse(newKeyBase64(), "test"));
        UUID account = UUID.randomUUID();
        AccountSecrets secrets = secrets();
        SealedAccountSecrets sealed = cipher.seal(account, secrets);
        assertThat(cipher.open(account, sealed)).isEqualTo(secrets);
        assertThat(secrets.keyRotationTimestamp()).isEqualTo(1510726317123L);
    }

    @Test
    void ciphertextsHoldNoTraceOfTheSecrets() {
        AccountSecretsCipher cipher = new AccountSecretsCipher(MasterKeyRing.parse(newKeyBase64(), "test"));
        AccountSecrets secrets = secrets();
        SealedAccountSecrets sealed = cipher.seal(UUID.randomUUID(), secrets);
        for (byte[] column : List.of(sealed.wrappedDataKey(), sealed.refreshToken(), sealed.syncKeyBundle(), sealed.keyId())) {
            String asText = new String(column, StandardCharsets.ISO_8859_1);
            assertThat(asText).doesNotContain(secrets.refreshToken()).doesNotContain(secrets.keyId());
            assertThat(HexFormat.of().formatHex(column))
                    .doesNotContain(HexFormat.of().formatHex(secrets.syncKeyBundle()).substring(0, 16));
        }
        assertThat(sealed.toString()).doesNotContain(secrets.refreshToken());
        assertThat(secrets.toString()).doesNotContain(secrets.refreshToken()).doesNotContain(secrets.keyId());
    }

    @Test
    void aCiphertextCannotBeMovedToAnotherAccount() {
        AccountSecretsCipher cipher = new AccountSecretsCipher(MasterKeyRing.parse(newKeyBase64(), "test"));
        SealedAccountSecrets sealed = cipher.seal(UUID.randomUUID(), secrets());
        assertThatThrownBy(() -> cipher.open(UUID.randomUUID(), sealed)).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void tamperingIsDetected() {
        AccountSecretsCipher cipher = new AccountSecretsCipher(MasterKeyRing.parse(newKeyBase64(), "test"));
        UUID account = UUID.randomUUID();
        SealedAccountSecrets sealed = cipher.seal(account, secrets());
        byte[] refresh = sealed.refreshToken().clone();
        refresh[refresh.length - 1] ^= 1;
        SealedAccountSecrets tampered = new SealedAccountSecrets(sealed.masterKeyVersion(), sealed.wrappedDataKey(), refresh,
                sealed.syncKeyBundle(), sealed.keyId());
        assertThatThrownBy(() -> cipher.open(account, tampered)).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void aWrongMasterKeyIsNamedNotMisread() {
        SealedAccountSecrets sealed = new AccountSecretsCipher(MasterKeyRing.parse(newKeyBase64(), "test"))
                .seal(UUID.randomUUID(), secrets());
        AccountSecretsCipher other = new AccountSecretsCipher(MasterKeyRing.parse(newKeyBase64(), "test"));
        assertThatThrownBy(() -> other.open(UUID.randomUUID(), sealed))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("master key version " + sealed.masterKeyVersion());
    }

    @Test
    void rotationRewrapsOnlyTheDataKey() {
        String oldKey = newKeyBase64();
        String newKey = newKeyBase64();
        UUID account = UUID.randomUUID();
        AccountSecrets secrets = secrets();
        SealedAccountSecrets sealed = new AccountSecretsCipher(MasterKeyRing.parse(oldKey, "old")).seal(account, secrets);

        AccountSecretsCipher during = new AccountSecretsCipher(MasterKeyRing.parse(newKey + "," + oldKey, "rotation"));
        assertThat(during.open(account, sealed)).isEqualTo(secrets);
        SealedAccountSecrets rewrapped = during.rewrap(account, sealed);
        assertThat(rewrapped.masterKeyVersion()).isNotEqualTo(sealed.masterKeyVersion());
        assertThat(rewrapped.refreshToken()).isEqualTo(sealed.refreshToken());

        AccountSecretsCipher after = new AccountSecretsCipher(MasterKeyRing.parse(newKey, "new"));
        assertThat(after.open(account, rewrapped)).isEqualTo(secrets);
        assertThat(after.rewrap(account, rewrapped)).isSameAs(rewrapped);
    }

    @Test
    void malformedKeysAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> MasterKeyRing.parse("not base64!", "FXHOME_MASTER_KEY"))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("FXHOME_MASTER_KEY is not base64");
        assertThatThrownBy(() -> MasterKeyRing.parse(Base64.getEncoder().encodeToString(new byte[16]), "FXHOME_MASTER_KEY"))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> MasterKeyRing.parse("# only a comment\n", "file"))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("holds no key");
        String key = newKeyBase64();
        assertThat(MasterKeyRing.parse(key, "k").toString()).doesNotContain(key.substring(0, 12));
    }
}
