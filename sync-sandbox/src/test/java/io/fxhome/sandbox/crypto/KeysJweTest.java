package io.fxhome.sandbox.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fxhome.vectors.testing.Vectors;

/** The OAuth keys_jwe against application-services' oldsync vector (ECDH-ES + A256GCM). */
class KeysJweTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode vector = Vectors.caseById("ksync.json", "app-services-keys-jwe-oldsync");
    private final JsonNode jwk = vector.get("inputs").get("client_private_key_jwk");

    private static byte[] b64url(String s) {
        return Base64.getUrlDecoder().decode(s);
    }

    private static ECParameterSpec p256() throws Exception {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec("secp256r1"));
        return p.getParameterSpec(ECParameterSpec.class);
    }

    private PrivateKey privateKey() throws Exception {
        return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(1,
                b64url(jwk.get("d").asText())), p256()));
    }

    private static PublicKey publicKey(JsonNode j) throws Exception {
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(
                new BigInteger(1, b64url(j.get("x").asText())), new BigInteger(1, b64url(j.get("y").asText()))),
                p256()));
    }

    private static String publicJwkParam(JsonNode jwk) {
        String pub = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + jwk.get("x").asText() + "\",\"y\":\""
                + jwk.get("y").asText() + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(pub.getBytes(StandardCharsets.UTF_8));
    }

    /** Decrypts a compact JWE with the recipient key, computing the CEK with the given KDF. */
    private String decrypt(String compact, PrivateKey key, boolean useSandboxKdf) throws Exception {
        String[] parts = compact.split("\\.", -1);
        assertThat(parts).hasSize(5);
        assertThat(parts[1]).isEmpty();
        JsonNode header = JSON.readTree(b64url(parts[0]));
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(key);
        ka.doPhase(publicKey(header.get("epk")), true);
        byte[] z = ka.generateSecret();
        byte[] cek;
        if (useSandboxKdf) {
            cek = KeysJwe.concatKdf(z, header.get("enc").asText(), 256);
        } else {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(new byte[] { 0, 0, 0, 1 });
            d.update(z);
            d.update(new byte[] { 0, 0, 0, 7 });
            d.update("A256GCM".getBytes(StandardCharsets.US_ASCII));
            d.update(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 });
            cek = d.digest();
        }
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, b64url(parts[2])));
        gcm.updateAAD(parts[0].getBytes(StandardCharsets.US_ASCII));
        byte[] ct = b64url(parts[3]);
        byte[] tag = b64url(parts[4]);
        byte[] sealed = new byte[ct.length + tag.length];
        System.arraycopy(ct, 0, sealed, 0, ct.length);
        System.arraycopy(tag, 0, sealed, ct.length, tag.length);
        return new String(gcm.doFinal(sealed), StandardCharsets.UTF_8);
    }

    @Test
    void sandboxConcatKdfDecryptsThePublishedJwe() throws Exception {
        String plaintext = decrypt(vector.get("inputs").get("jwe_compact").asText(), privateKey(), true);
        assertThat(plaintext).isEqualTo(vector.get("expected").get("plaintext_utf8").asText());
    }

    @Test
    void sandboxJweDecryptsWithTheRecipientKeyAndCarriesFxasHeader() throws Exception {
        ECPublicKey recipient = KeysJwe.parseKeysJwk(publicJwkParam(jwk));
        String plaintext = vector.get("expected").get("plaintext_utf8").asText();
        String jwe = KeysJwe.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), recipient, new SecureRandom());

        assertThat(decrypt(jwe, privateKey(), false)).isEqualTo(plaintext);
        JsonNode header = JSON.readTree(b64url(jwe.split("\\.")[0]));
        JsonNode published = JSON.readTree(b64url(vector.get("inputs").get("jwe_compact").asText().split("\\.")[0]));
        assertThat(header.get("alg").asText()).isEqualTo("ECDH-ES");
        assertThat(header.get("enc").asText()).isEqualTo("A256GCM");
        assertThat(header.get("kid").asText()).isEqualTo(published.get("kid").asText());
        assertThat(header.get("epk").get("crv").asText()).isEqualTo("P-256");
        assertThat(header.get("epk").has("d")).isFalse();
    }

    @Test
    void keysJwkMustBeAPublicP256Key() {
        String withPrivate = Base64.getUrlEncoder().withoutPadding().encodeToString(jwk.toString()
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> KeysJwe.parseKeysJwk(withPrivate)).isInstanceOf(KeysJwe.InvalidJwkException.class);
        String rsa = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> KeysJwe.parseKeysJwk(rsa)).isInstanceOf(KeysJwe.InvalidJwkException.class);
        assertThatThrownBy(() -> KeysJwe.parseKeysJwk("not-json")).isInstanceOf(KeysJwe.InvalidJwkException.class);
    }
}
