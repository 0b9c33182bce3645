package io.fxhome.sync.vectors;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.crypto.Digests;
import io.fxhome.sync.crypto.Hex;
import io.fxhome.sync.crypto.Hkdf;
import io.fxhome.sync.hawk.HawkArtifacts;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.json.Json;
import io.fxhome.sync.token.SyncToken;

/**
 * tokenlib.json: a real tokenserver token, its derived Hawk key string, and the storage MACs syncstorage-rs
 * accepts, signed through {@link SyncToken#hawkCredentials()} (key = UTF-8 bytes of the key string).
 */
class TokenlibVectorsTest {

    static Stream<Arguments> cases() {
        return VectorCases.of("tokenlib.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproduces(JsonNode testCase) throws IOException {
        VectorCheck c = new VectorCheck(testCase);
        switch (testCase.get("kind").asText()) {
            case "tokenserver_token" -> token(c);
            case "hkdf" -> KSyncVectorsTest.HkdfVector.check(c);
            case "hmac_sha256_hex" -> c.exp("hmac_hex", Hex.encode(Digests.hmacSha256(
                    VectorCases.utf8(c.in().get("key_utf8")), VectorCases.utf8(c.in().get("message_utf8")))));
            default -> throw new AssertionError("no checker for kind " + testCase.get("kind"));
        }
        c.assertComplete();
    }

    private static void token(VectorCheck c) throws IOException {
        byte[] master = VectorCases.utf8(c.in().get("master_secret_utf8"));
        String token = c.in().get("token").asText();
        byte[] raw = Base64.getUrlDecoder().decode(token);
        byte[] payload = Arrays.copyOfRange(raw, 0, raw.length - 32);
        byte[] signature = Arrays.copyOfRange(raw, raw.length - 32, raw.length);
        byte[] signingKey = Hkdf.derive(master, "services.mozilla.com/tokenlib/v1/signing", 32);
        c.exp("signature_valid", Bytes.constantTimeEquals(Digests.hmacSha256(signingKey, payload), signature));
        JsonNode data = Json.MAPPER.readTree(payload);
        c.exp("payload", data);
        byte[] secret = Hkdf.derive(master, data.get("salt").asText().getBytes(StandardCharsets.US_ASCII),
                ("services.mozilla.com/tokenlib/v1/derive/" + token).getBytes(StandardCharsets.US_ASCII), 32);
        String key = Base64.getUrlEncoder().encodeToString(secret);
        c.der("derived_secret_key", key);
        SyncToken syncToken = new SyncToken(token, key, data.get("uid").asLong(), URI.create(data.get("node").asText()),
                3600, Instant.EPOCH);
        List<String> macs = new ArrayList<>();
        for (JsonNode r : c.in().get("requests")) {
            HawkArtifacts a = new HawkArtifacts(r.get("ts").asLong(), r.get("nonce").asText(), r.get("method").asText(),
                    r.get("path").asText(), r.get("host").asText(), r.get("port").asInt(), null, null);
            macs.add(Base64.getEncoder().encodeToString(HawkSigner.mac(syncToken.hawkCredentials(), a)));
        }
        c.exp("request_macs_b64", macs);
    }
}
