package io.fxhome.sync.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.error.CryptoException;
import io.fxhome.sync.json.Json;
import io.fxhome.sync.testsupport.SyncFixtures;
import io.fxhome.sync.testsupport.TestJwe;

/**
 * The {@code keys_jwe} decrypter: what it publishes, what it decrypts, and every JWE it refuses (only ECDH-ES with
 * A256GCM on P-256, direct key agreement, an intact tag). The published vector is in KSyncVectorsTest.
 */
class JweDecrypterTest {
    private static final byte[] PLAINTEXT = "{\"scoped\":\"keys\"}".getBytes(StandardCharsets.UTF_8);
    /** The order of the P-256 group. */
    private static final BigInteger N = new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

    private final JweDecrypter decrypter = JweDecrypter.generate(SyncFixtures.RANDOM);

    private String encrypted(Consumer<ObjectNode> header) {
        return TestJwe.encrypt(decrypter.publicJwk(), PLAINTEXT, header);
    }

    private static void refused(ThrowingCallable call, CryptoException.Problem problem) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CryptoException.class,
                e -> assertThat(e.problem()).isEqualTo(problem));
    }

    @Test
    void publishesItsPublicKeyOnlyInTheOrderApplicationServicesDoes() throws Exception {
        ObjectNode jwk = decrypter.publicJwk();

        assertThat(jwk.toString()).startsWith("{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"");
        assertThat(jwk.has("d")).isFalse();
        assertThat(Bytes.base64UrlDecode(jwk.get("x").asText())).isEqualTo(decrypter.publicX()).hasSize(32);
        assertThat(Bytes.base64UrlDecode(jwk.get("y").asText())).isEqualTo(decrypter.publicY()).hasSize(32);
        JsonNode keysJwk = Json.MAPPER.readTree(Bytes.base64UrlDecode(decrypter.keysJwk()));
        assertThat(keysJwk).isEqualTo(jwk);
    }

    @Test
    void theSameKeyComesBackFromItsPrivateScalar() {
        byte[] d = decrypter.privateKeyBytes();
        assertThat(d).hasSize(32);

        JweDecrypter again = JweDecrypter.fromPrivateKey(d);

        assertThat(again.publicX()).isEqualTo(decrypter.publicX());
        assertThat(again.publicY()).isEqualTo(decrypter.publicY());
        assertThat(again.decrypt(encrypted(h -> {
        }))).isEqualTo(PLAINTEXT);
    }

    @Test
    void decryptsWhatFxaEncryptsToItsKey() {
        assertThat(decrypter.decrypt(TestJwe.encrypt(decrypter.publicJwk(), PLAINTEXT))).isEqualTo(PLAINTEXT);
    }

    @Test
    void aScalarOutsideTheGroupIsNoKey() {
        refused(() -> JweDecrypter.fromPrivateKey(new byte[32]), CryptoException.Problem.BAD_KEY);
        refused(() -> JweDecrypter.fromPrivateKey(Bytes.concat(new byte[1], N.toByteArray())),
                CryptoException.Problem.BAD_KEY);
    }

    @Test
    void aPrivateJwkMustBeP256AndAgreeWithItsPublicHalf() {
        ObjectNode jwk = decrypter.publicJwk().put("d", Bytes.base64UrlNoPad(decrypter.privateKeyBytes()));
        assertThat(JweDecrypter.fromPrivateJwk(jwk).publicX()).isEqualTo(decrypter.publicX());

        refused(() -> JweDecrypter.fromPrivateJwk(jwk.deepCopy().put("crv", "P-384")),
                CryptoException.Problem.BAD_KEY);
        refused(() -> JweDecrypter.fromPrivateJwk(jwk.deepCopy().put("kty", "OKP")), CryptoException.Problem.BAD_KEY);
        refused(() -> JweDecrypter.fromPrivateJwk(jwk.deepCopy().without("d")), CryptoException.Problem.BAD_KEY);
        String otherX = JweDecrypter.generate(SyncFixtures.RANDOM).publicJwk().get("x").asText();
        refused(() -> JweDecrypter.fromPrivateJwk(jwk.deepCopy().put("x", otherX)), CryptoException.Problem.BAD_KEY);
    }

    @Test
    void onlyCompactEcdhEsWithA256GcmIsAccepted() {
        String jwe = encrypted(h -> {
        });
        refused(() -> decrypter.decrypt(jwe.substring(0, jwe.lastIndexOf('.'))), CryptoException.Problem.BAD_FORMAT);
        refused(() -> decrypter.decrypt("bm90IGpzb24." + jwe.substring(jwe.indexOf('.') + 1)),
                CryptoException.Problem.BAD_FORMAT);
        refused(() -> decrypter.decrypt(encrypted(h -> h.put("alg", "ECDH-ES+A256KW"))),
                CryptoException.Problem.BAD_FORMAT);
        refused(() -> decrypter.decrypt(encrypted(h -> h.put("alg", "RSA-OAEP-256"))),
                CryptoException.Problem.BAD_FORMAT);
        refused(() -> decrypter.decrypt(encrypted(h -> h.put("enc", "A128GCM"))), CryptoException.Problem.BAD_FORMAT);
        refused(() -> decrypter.decrypt(encrypted(h -> h.put("enc", "A256CBC-HS512"))),
                CryptoException.Problem.BAD_FORMAT);
    }

    @Test
    void directKeyAgreementCarriesNoEncryptedKey() {
        String jwe = encrypted(h -> {
        });
        int first = jwe.indexOf('.');
        String withKey = jwe.substring(0, first + 1) + Bytes.base64UrlNoPad(new byte[40]) + jwe.substring(first + 1);

        refused(() -> decrypter.decrypt(withKey), CryptoException.Problem.BAD_FORMAT);
    }

    @Test
    void theEphemeralKeyMustBeAP256PointOnTheCurve() {
        refused(() -> decrypter.decrypt(encrypted(h -> ((ObjectNode) h.get("epk")).put("crv", "P-384"))),
                CryptoException.Problem.BAD_KEY);
        refused(() -> decrypter.decrypt(encrypted(h -> ((ObjectNode) h.get("epk")).put("kty", "OKP"))),
                CryptoException.Problem.BAD_KEY);
        refused(() -> decrypter.decrypt(encrypted(h -> ((ObjectNode) h.get("epk"))
                .put("y", Bytes.base64UrlNoPad(decrypter.publicX())))), CryptoException.Problem.BAD_KEY);
        refused(() -> decrypter.decrypt(encrypted(h -> ((ObjectNode) h.get("epk")).remove("x"))),
                CryptoException.Problem.BAD_KEY);
    }

    @Test
    void aTamperedOrMisaddressedJweFailsItsTag() {
        String jwe = encrypted(h -> {
        });
        String[] parts = jwe.split("\\.", -1);
        byte[] tag = Bytes.base64UrlDecode(parts[4]);
        tag[0] ^= 1;
        String badTag = parts[0] + ".." + parts[2] + "." + parts[3] + "." + Bytes.base64UrlNoPad(tag);
        byte[] ciphertext = Bytes.base64UrlDecode(parts[3]);
        ciphertext[0] ^= 1;
        String badCiphertext = parts[0] + ".." + parts[2] + "." + Bytes.base64UrlNoPad(ciphertext) + "." + parts[4];
        String otherKey = TestJwe.encrypt(JweDecrypter.generate(SyncFixtures.RANDOM).publicJwk(), PLAINTEXT);

        refused(() -> decrypter.decrypt(badTag), CryptoException.Problem.BAD_HMAC);
        refused(() -> decrypter.decrypt(badCiphertext), CryptoException.Problem.BAD_HMAC);
        refused(() -> decrypter.decrypt(otherKey), CryptoException.Problem.BAD_HMAC);
    }

    @Test
    void theProtectedHeaderIsAuthenticated() {
        String jwe = encrypted(h -> {
        });
        String header = new String(Bytes.base64UrlDecode(jwe.substring(0, jwe.indexOf('.'))), StandardCharsets.UTF_8);
        String reordered = Bytes.base64UrlNoPad((header + " ").getBytes(StandardCharsets.UTF_8));

        refused(() -> decrypter.decrypt(reordered + jwe.substring(jwe.indexOf('.'))), CryptoException.Problem.BAD_HMAC);
    }
}
