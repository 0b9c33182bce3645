package io.fxhome.sync.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.fxhome.sync.error.CryptoException;

/** Record encryption failure modes: the MAC is checked first, and every malformed part is a typed failure. */
class RecordCipherTest {
    private final KeyBundle keys = KeyBundle.random(new SecureRandom());
    private final RecordCipher cipher = new RecordCipher(keys);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsWithARandomNonZeroIv() {
        EncryptedPayload p = cipher.encrypt(utf8("{\"id\":\"x\",\"title\":\"€ and ü\"}"));
        assertThat(Base64.getDecoder().decode(p.iv())).hasSize(16).isNotEqualTo(new byte[16]);
        assertThat(p.hmac()).matches("[0-9a-f]{64}");
        assertThat(new String(cipher.decrypt(EncryptedPayload.parse(p.toJson())), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"x\",\"title\":\"€ and ü\"}");
        assertThat(cipher.encrypt(utf8("same")).iv()).isNotEqualTo(cipher.encrypt(utf8("same")).iv());
    }

    @Test
    void upperCaseHexIsAccepted() {
        EncryptedPayload p = cipher.encrypt(utf8("{}"));
        assertThat(cipher.decrypt(p.ciphertext(), p.iv(), p.hmac().toUpperCase(Locale.ROOT))).isEqualTo(utf8("{}"));
    }

    @Test
    void aWrongKeyOrTamperedTextFailsTheMacBeforeDecrypting() {
        EncryptedPayload p = cipher.encrypt(utf8("{}"));
        RecordCipher other = new RecordCipher(KeyBundle.random(new SecureRandom()));
        assertThatThrownBy(() -> other.decrypt(p)).isInstanceOfSatisfying(CryptoException.class,
                e -> assertThat(e.problem()).isEqualTo(CryptoException.Problem.BAD_HMAC));
        String tampered = (p.ciphertext().charAt(0) == 'A' ? "B" : "A") + p.ciphertext().substring(1);
        assertThatThrownBy(() -> cipher.decrypt(tampered, p.iv(), p.hmac()))
                .isInstanceOfSatisfying(CryptoException.class,
                        e -> assertThat(e.problem()).isEqualTo(CryptoException.Problem.BAD_HMAC));
        assertThatThrownBy(() -> cipher.decrypt(p.ciphertext(), p.iv(), "zz" + p.hmac().substring(2)))
                .isInstanceOfSatisfying(CryptoException.class,
                        e -> assertThat(e.problem()).isEqualTo(CryptoException.Problem.BAD_HMAC));
        assertThatThrownBy(() -> cipher.decrypt(p.ciphertext(), p.iv(), p.hmac().substring(2)))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void malformedPartsWithAValidMacAreCiphertextErrors() {
        byte[] iv = new byte[16];
        iv[0] = 1;
        EncryptedPayload p = cipher.encrypt(utf8("{}"), iv);
        // A short IV, then a ciphertext that is not a block multiple: both MAC-valid, both rejected.
        assertThatThrownBy(() -> cipher.decrypt(p.ciphertext(), "AAAA", p.hmac()))
                .isInstanceOfSatisfying(CryptoException.class,
                        e -> assertThat(e.problem()).isEqualTo(CryptoException.Problem.BAD_CIPHERTEXT));
        String odd = Base64.getEncoder().encodeToString(new byte[15]);
        String oddMac = Hex.encode(Digests.hmacSha256(keys.hmacKey(), odd.getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> cipher.decrypt(odd, p.iv(), oddMac)).isInstanceOfSatisfying(CryptoException.class,
                e -> assertThat(e.problem()).isEqualTo(CryptoException.Problem.BAD_CIPHERTEXT));
        String notB64 = "!!!!";
        String notB64Mac = Hex.encode(Digests.hmacSha256(keys.hmacKey(), notB64.getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> cipher.decrypt(notB64, p.iv(), notB64Mac)).isInstanceOfSatisfying(
                CryptoException.class, e -> assertThat(e.problem()).isEqualTo(CryptoException.Problem.BAD_CIPHERTEXT));
    }

    @Test
    void envelopesMustBeComplete() {
        assertThatThrownBy(() -> EncryptedPayload.parse("[1]")).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> EncryptedPayload.parse("{\"ciphertext\":\"a\",\"IV\":\"b\"}"))
                .hasMessageContaining("hmac");
        assertThatThrownBy(() -> EncryptedPayload.parse("{\"ciphertext\":\"a\",\"iv\":\"b\",\"hmac\":\"c\"}"))
                .as("field names are case-sensitive").hasMessageContaining("IV");
        assertThatThrownBy(() -> EncryptedPayload.parse("{\"ciphertext\":\"a\",")).isInstanceOf(CryptoException.class);
        assertThat(EncryptedPayload.parse("{\"IV\":\"b\",\"x\":{\"y\":[1]},\"hmac\":\"c\",\"ciphertext\":\"a\"}"))
                .isEqualTo(new EncryptedPayload("a", "b", "c"));
    }
}
