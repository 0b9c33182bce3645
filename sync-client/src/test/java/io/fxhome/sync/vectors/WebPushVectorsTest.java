package io.fxhome.sync.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.crypto.Digests;
import io.fxhome.sync.crypto.Hkdf;
import io.fxhome.sync.error.CryptoException;
import io.fxhome.sync.webpush.Aes128Gcm;
import io.fxhome.sync.webpush.P256;
import io.fxhome.sync.webpush.PushKeys;
import io.fxhome.sync.webpush.WebPushCipher;
import io.fxhome.vectors.testing.Vectors;

/** webpush.json: RFC 8188's aes128gcm examples and RFC 8291's push message example, byte for byte. */
class WebPushVectorsTest {

    static Stream<Arguments> cases() {
        return VectorCases.of("webpush.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproduces(JsonNode testCase) {
        VectorCheck c = new VectorCheck(testCase);
        JsonNode in = c.in();
        switch (testCase.get("kind").asText()) {
            case "aes128gcm" -> {
                byte[] ikm = b64u(in.get("ikm"));
                byte[] salt = b64u(in.get("salt"));
                byte[] prk = Hkdf.extract(salt, ikm);
                c.exp("prk", Bytes.base64UrlNoPad(prk));
                c.exp("cek", Bytes.base64UrlNoPad(Hkdf.expand(prk, info("aes128gcm"), 16)));
                c.exp("nonce", Bytes.base64UrlNoPad(Hkdf.expand(prk, info("nonce"), 12)));
                byte[] body = Aes128Gcm.encrypt(ikm, salt, utf8(in.get("keyid_utf8")), in.get("rs").asInt(),
                        utf8(in.get("plaintext_utf8")));
                c.exp("body", Bytes.base64UrlNoPad(body));
                assertThat(new String(Aes128Gcm.decrypt(body, h -> ikm.clone()), StandardCharsets.UTF_8))
                        .isEqualTo(in.get("plaintext_utf8").asText());
            }
            case "aes128gcm_decrypt" -> {
                byte[] body = b64u(in.get("body"));
                Aes128Gcm.Header header = Aes128Gcm.header(body);
                c.exp("rs", header.recordSize());
                c.exp("keyid_utf8", new String(header.keyId(), StandardCharsets.UTF_8));
                c.exp("plaintext_utf8", new String(Aes128Gcm.decrypt(body, h -> b64u(in.get("ikm"))),
                        StandardCharsets.UTF_8));
            }
            case "webpush" -> webPush(c, in);
            default -> throw new AssertionError("no checker for kind " + testCase.get("kind"));
        }
        c.assertComplete();
    }

    private static void webPush(VectorCheck c, JsonNode in) {
        byte[] asPublic = b64u(in.get("as_public"));
        byte[] uaPublic = b64u(in.get("ua_public"));
        byte[] auth = b64u(in.get("auth_secret"));
        KeyPair sender = new KeyPair(P256.publicKey(asPublic), P256.privateKey(b64u(in.get("as_private"))));
        byte[] ecdh = P256.agree(P256.privateKey(b64u(in.get("as_private"))), P256.publicKey(uaPublic));
        c.exp("ecdh_secret", Bytes.base64UrlNoPad(ecdh));
        c.exp("prk_key", Bytes.base64UrlNoPad(Digests.hmacSha256(auth, ecdh)));
        byte[] keyInfo = Bytes.concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, asPublic);
        c.exp("key_info", Bytes.base64UrlNoPad(keyInfo));
        byte[] ikm = Hkdf.derive(ecdh, auth, keyInfo, 32);
        c.exp("ikm", Bytes.base64UrlNoPad(ikm));
        byte[] prk = Hkdf.extract(b64u(in.get("salt")), ikm);
        c.exp("prk", Bytes.base64UrlNoPad(prk));
        c.exp("cek", Bytes.base64UrlNoPad(Hkdf.expand(prk, info("aes128gcm"), 16)));
        c.exp("nonce", Bytes.base64UrlNoPad(Hkdf.expand(prk, info("nonce"), 12)));
        byte[] body = WebPushCipher.encrypt(uaPublic, auth, utf8(in.get("plaintext_utf8")), sender,
                b64u(in.get("salt")));
        c.exp("body", Bytes.base64UrlNoPad(body));
        PushKeys receiver = PushKeys.of(b64u(in.get("ua_private")), uaPublic, auth);
        assertThat(new String(WebPushCipher.decrypt(receiver, b64u(c.expected().get("body"))), StandardCharsets.UTF_8))
                .isEqualTo(in.get("plaintext_utf8").asText());
    }

    @Test
    void aFreshMessageRoundTripsAndATamperedOneIsRefused() {
        SecureRandom random = new SecureRandom();
        PushKeys receiver = PushKeys.generate(random);
        byte[] plain = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        byte[] body = new WebPushCipher(random).encrypt(receiver.publicKey(), receiver.authSecret(), plain);
        assertThat(WebPushCipher.decrypt(receiver, body)).isEqualTo(plain);
        assertThat(body).isNotEqualTo(new WebPushCipher(random).encrypt(receiver.publicKey(), receiver.authSecret(),
                plain));

        byte[] tampered = body.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> WebPushCipher.decrypt(receiver, tampered)).isInstanceOf(CryptoException.class)
                .extracting(e -> ((CryptoException) e).problem()).isEqualTo(CryptoException.Problem.BAD_HMAC);
        // Dropping the last record must not pass for the whole message (RFC 8188 section 2: truncation).
        byte[] truncated = java.util.Arrays.copyOf(body, 86 + 4096);
        assertThatThrownBy(() -> WebPushCipher.decrypt(receiver, truncated)).isInstanceOf(CryptoException.class);
        PushKeys other = PushKeys.generate(random);
        assertThatThrownBy(() -> WebPushCipher.decrypt(other, body)).isInstanceOf(CryptoException.class);
    }

    @Test
    void keysThatDoNotBelongTogetherOrPointsOffTheCurveAreRefused() {
        JsonNode in = Vectors.caseById("webpush.json", "rfc8291-5").get("inputs");
        byte[] uaPublic = b64u(in.get("ua_public"));
        assertThatThrownBy(() -> PushKeys.of(b64u(in.get("as_private")), uaPublic, b64u(in.get("auth_secret"))))
                .isInstanceOf(CryptoException.class);
        byte[] offCurve = uaPublic.clone();
        offCurve[64] ^= 1;
        assertThatThrownBy(() -> P256.publicKey(offCurve)).isInstanceOf(CryptoException.class);
        assertThat(PushKeys.generate(new SecureRandom()).toString()).startsWith("PushKeys[<redacted>");
    }

    private static byte[] info(String what) {
        return ("Content-Encoding: " + what + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] b64u(JsonNode n) {
        return Bytes.base64UrlDecode(n.asText());
    }

    private static byte[] utf8(JsonNode n) {
        return n.asText().getBytes(StandardCharsets.UTF_8);
    }
}
