package io.fxhome.sync.vectors;

import static io.fxhome.sync.vectors.VectorCases.hex;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.crypto.Hex;
import io.fxhome.sync.crypto.Hkdf;
import io.fxhome.sync.crypto.JweDecrypter;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.crypto.KeyId;
import io.fxhome.sync.crypto.ScopedKey;
import io.fxhome.sync.crypto.ScopedKeyDerivation;
import io.fxhome.sync.crypto.SyncKeyDerivation;

/** ksync.json: kB → kSync / kid / X-Client-State, scoped keys, HKDF, X-KeyID parsing, keys_jwe. */
class KSyncVectorsTest {

    static Stream<Arguments> cases() {
        return VectorCases.of("ksync.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproduces(JsonNode testCase) {
        VectorCheck c = new VectorCheck(testCase);
        switch (testCase.get("kind").asText()) {
            case "oldsync_scoped_key" -> oldsync(c);
            case "scoped_key_general" -> general(c);
            case "hkdf" -> HkdfVector.check(c);
            case "client_state" -> c.exp("client_state_hex", SyncKeyDerivation.clientStateHex(hex(c.in().get("kB_hex"))));
            case "x_keyid_parse" -> keyIdParse(c);
            case "scoped_keys_jwe" -> jwe(c);
            default -> throw new AssertionError("no checker for kind " + testCase.get("kind"));
        }
        c.assertComplete();
    }

    private static void oldsync(VectorCheck c) {
        JsonNode i = c.in();
        byte[] kB = i.has("kB_hex") ? hex(i.get("kB_hex"))
                : Bytes.xor(hex(i.get("wrapKB_hex")), hex(i.get("unwrapBKey_hex")));
        c.exp("kB_hex", Hex.encode(kB));
        long ts = i.get("keyRotationTimestamp_ms").asLong();
        ScopedKey key = ScopedKeyDerivation.derive(i.get("scope").asText(), kB,
                i.has("keyRotationSecret_hex") ? hex(i.get("keyRotationSecret_hex")) : new byte[32],
                i.has("uid_hex") ? hex(i.get("uid_hex")) : new byte[16], ts);
        c.exp("k_b64url", key.kBase64Url());
        c.exp("kid", key.kid());
        c.exp("kty", key.kty());
        byte[] kSync = SyncKeyDerivation.kSync(kB);
        c.der("kSync_hex", Hex.encode(kSync));
        c.der("kXCS_hex", Hex.encode(SyncKeyDerivation.clientState(kB)));
        c.der("X_Client_State", SyncKeyDerivation.clientStateHex(kB));
        c.der("X_KeyID", SyncKeyDerivation.keyId(ts, kB));
        KeyBundle bundle = SyncKeyDerivation.syncKeyBundle(kB);
        c.der("syncKeyBundle_encKey_b64", bundle.toBase64Pair().get(0));
        c.der("syncKeyBundle_hmacKey_b64", bundle.toBase64Pair().get(1));
        if (SyncKeyDerivation.OLDSYNC_SCOPE.equals(key.scope())) {
            c.eq("JWK k decodes to the kSync bundle", KeyBundle.fromKSync(Bytes.base64UrlDecode(key.kBase64Url())),
                    bundle);
            c.eq("X-Client-State from the kid", KeyId.parse(key.kid()).clientStateHex(),
                    SyncKeyDerivation.clientStateHex(kB));
        }
    }

    private static void general(VectorCheck c) {
        JsonNode i = c.in();
        ScopedKey key = ScopedKeyDerivation.derive(i.get("scope").asText(), hex(i.get("kB_hex")),
                hex(i.get("keyRotationSecret_hex")), hex(i.get("uid_hex")), i.get("keyRotationTimestamp_ms").asLong());
        c.exp("k_b64url", key.kBase64Url());
        c.exp("kid", key.kid());
        c.exp("kty", key.kty());
    }

    private static void keyIdParse(VectorCheck c) {
        KeyId kid = KeyId.parse(c.in().get("X_KeyID").asText());
        c.exp("keys_changed_at", kid.keysChangedAt());
        c.exp("client_state_hex", kid.clientStateHex());
        if (c.in().has("X_Client_State")) {
            c.eq("X-Client-State matches X-KeyID", kid.clientStateHex(), c.in().get("X_Client_State").asText());
        }
    }

    private static void jwe(VectorCheck c) {
        JsonNode jwk = c.in().get("client_private_key_jwk");
        JweDecrypter decrypter = JweDecrypter.fromPrivateJwk(jwk);
        c.exp("public_key_x_b64url", Bytes.base64UrlNoPad(decrypter.publicX()));
        c.exp("public_key_y_b64url", Bytes.base64UrlNoPad(decrypter.publicY()));
        c.eq("jwk.x matches d", Bytes.base64UrlNoPad(decrypter.publicX()), jwk.get("x").asText());
        c.eq("public JWK has no d", decrypter.publicJwk().has("d"), false);
        byte[] plaintext = decrypter.decrypt(c.in().get("jwe_compact").asText());
        c.exp("plaintext_utf8", new String(plaintext, StandardCharsets.UTF_8));
    }

    /** The "hkdf" kind, shared with tokenlib.json. */
    static final class HkdfVector {
        private HkdfVector() {
        }

        static void check(VectorCheck c) {
            JsonNode i = c.in();
            byte[] salt = i.has("salt_hex") ? hex(i.get("salt_hex")) : new byte[0];
            byte[] info = i.has("info_hex") ? hex(i.get("info_hex"))
                    : i.get("info_utf8").asText().getBytes(StandardCharsets.UTF_8);
            byte[] ikm = hex(i.get("ikm_hex"));
            c.exp("okm_hex", Hex.encode(Hkdf.derive(ikm, salt, info, i.get("length").asInt())));
            c.exp("prk_hex", Hex.encode(Hkdf.extract(salt, ikm)));
        }
    }
}
