package io.fxhome.sync.vectors;

import static io.fxhome.sync.vectors.VectorCases.hex;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.crypto.Hex;
import io.fxhome.sync.crypto.Hkdf;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.crypto.LegacySyncKey;
import io.fxhome.sync.crypto.OnePwCredentials;
import io.fxhome.sync.crypto.SyncKeyDerivation;

/** keybundle.json: kSync bundles from kB, legacy Sync 1.1 key bundles and usernames. */
class KeyBundleVectorsTest {

    static Stream<Arguments> cases() {
        return VectorCases.of("keybundle.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproduces(JsonNode testCase) {
        VectorCheck c = new VectorCheck(testCase);
        switch (testCase.get("kind").asText()) {
            case "ksync_from_kb" -> fromKb(c);
            case "legacy_sync_key_bundle" -> legacyBundle(c);
            case "legacy_username" -> c.exp("username", LegacySyncKey.username(c.in().get("account").asText()));
            default -> throw new AssertionError("no checker for kind " + testCase.get("kind"));
        }
        c.assertComplete();
    }

    private static void fromKb(VectorCheck c) {
        byte[] kB = hex(c.in().get("kB_hex"));
        if (c.in().has("info_hex")) {
            c.eq("info is NS + oldsync", Hex.encode(hex(c.in().get("info_hex"))),
                    Hex.encode((OnePwCredentials.NAMESPACE + "oldsync").getBytes(StandardCharsets.US_ASCII)));
        }
        c.exp("prk_hex", Hex.encode(Hkdf.extract(null, kB)));
        byte[] kSync = SyncKeyDerivation.kSync(kB);
        c.exp("kSync_hex", Hex.encode(kSync));
        KeyBundle bundle = SyncKeyDerivation.syncKeyBundle(kB);
        c.eq("bundle = fromKSync(kSync)", bundle, KeyBundle.fromKSync(kSync));
        c.exp("encKey_hex", Hex.encode(bundle.encryptionKey()));
        c.exp("hmacKey_hex", Hex.encode(bundle.hmacKey()));
        c.exp("encKey_b64", bundle.toBase64Pair().get(0));
        c.exp("hmacKey_b64", bundle.toBase64Pair().get(1));
    }

    private static void legacyBundle(VectorCheck c) {
        JsonNode i = c.in();
        byte[] syncKey = i.has("syncKey_hex") ? hex(i.get("syncKey_hex"))
                : LegacySyncKey.decodeFriendly(i.get("syncKey_friendly").asText());
        c.exp("syncKey_base32", LegacySyncKey.base32Encode(syncKey));
        String friendly = LegacySyncKey.encodeFriendly(syncKey);
        c.exp("syncKey_friendly", friendly);
        c.exp("syncKey_friendly_dashed", LegacySyncKey.encodeFriendlyDashed(syncKey));
        c.exp("syncKey_b64", Base64.getEncoder().encodeToString(syncKey));
        if (i.has("syncKey_friendly")) {
            c.eq("friendly round trip", friendly, i.get("syncKey_friendly").asText());
        }
        String username = i.get("username").asText();
        c.exp("info_utf8", LegacySyncKey.info(username));
        KeyBundle bundle = LegacySyncKey.bundle(syncKey, username);
        c.exp("encKey_hex", Hex.encode(bundle.encryptionKey()));
        c.exp("hmacKey_hex", Hex.encode(bundle.hmacKey()));
        c.exp("encKey_b64", bundle.toBase64Pair().get(0));
        c.exp("hmacKey_b64", bundle.toBase64Pair().get(1));
    }
}
