package io.fxhome.sync.vectors;

import static io.fxhome.sync.vectors.VectorCases.hex;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.hawk.HawkArtifacts;
import io.fxhome.sync.hawk.HawkCredentials;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.hawk.PayloadHash;

/** hawk.json: normalized strings, payload hashes, content types, MACs and full headers. */
class HawkVectorsTest {

    static Stream<Arguments> cases() {
        return VectorCases.of("hawk.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproduces(JsonNode testCase) {
        VectorCheck c = new VectorCheck(testCase);
        switch (testCase.get("kind").asText()) {
            case "hawk_header" -> header(c);
            case "hawk_normalized" -> c.exp("normalized", artifacts(c.in(), c.in().path("hash_b64").asText(null))
                    .normalizedString());
            case "hawk_timestamp" -> timestamp(c);
            case "hawk_content_type" -> c.exp("base_content_type",
                    PayloadHash.baseContentType(c.in().get("content_type").asText(null)));
            case "hawk_payload_hash" -> c.exp("hash_bytes", unsigned(PayloadHash.digest(
                    HawkCredentials.Algorithm.of(c.in().get("algorithm").asText()), c.in().get("content_type").asText(),
                    c.in().get("payload_utf8").asText().getBytes(StandardCharsets.UTF_8))));
            default -> throw new AssertionError("no checker for kind " + testCase.get("kind"));
        }
        c.assertComplete();
    }

    private static void header(VectorCheck c) {
        JsonNode i = c.in();
        JsonNode cred = i.get("credentials");
        HawkCredentials.Algorithm alg = HawkCredentials.Algorithm.of(cred.path("algorithm").asText("sha256"));
        byte[] key = cred.has("key_hex") ? hex(cred.get("key_hex"))
                : cred.get("key_utf8").asText().getBytes(StandardCharsets.UTF_8);
        HawkCredentials credentials = new HawkCredentials(cred.path("id").asText(""), key, alg);
        String hash = null;
        if (!i.path("hash_b64").asText("").isEmpty()) {
            hash = i.get("hash_b64").asText();
        } else if (i.has("payload_utf8") && !i.get("payload_utf8").isNull()) {
            hash = Base64.getEncoder().encodeToString(PayloadHash.digest(alg, i.path("content_type").asText(null),
                    i.get("payload_utf8").asText().getBytes(StandardCharsets.UTF_8)));
        }
        c.exp("hash_b64", hash);
        HawkArtifacts a = artifacts(i, hash);
        c.exp("host", a.host());
        c.exp("port", a.port());
        c.exp("resource", a.resource());
        c.exp("normalized", a.normalizedString());
        byte[] mac = HawkSigner.mac(credentials, a);
        c.exp("mac_b64", Base64.getEncoder().encodeToString(mac));
        c.exp("mac_bytes", unsigned(mac));
        String header = HawkSigner.header(credentials, a);
        c.exp("header", header);
        if (i.has("url")) {
            // The signer used by the clients, with its clock and nonce source pinned, gives the same header.
            HawkSigner signer = new HawkSigner(Clock.fixed(Instant.ofEpochSecond(i.get("ts").asLong()), ZoneOffset.UTC),
                    () -> i.get("nonce").asText());
            c.eq("HawkSigner.authorization", signer.authorization(credentials, i.get("method").asText(),
                    URI.create(i.get("url").asText()), hash, i.path("ext").asText(null)), header);
        }
    }

    private static HawkArtifacts artifacts(JsonNode i, String hash) {
        String ext = i.path("ext").isNull() ? null : i.path("ext").asText(null);
        if (i.has("url")) {
            return HawkArtifacts.forRequest(i.get("ts").asLong(), i.get("nonce").asText(), i.get("method").asText(),
                    URI.create(i.get("url").asText()), hash, ext);
        }
        return new HawkArtifacts(i.get("ts").asLong(), i.get("nonce").asText(), i.get("method").asText(),
                i.get("resource").asText(), i.get("host").asText(), i.get("port").asInt(), hash, ext);
    }

    private static void timestamp(VectorCheck c) {
        JsonNode i = c.in();
        HawkSigner signer = new HawkSigner(Clock.fixed(Instant.ofEpochMilli(i.get("now_ms").asLong()), ZoneOffset.UTC),
                () -> "n");
        signer.setClockOffset(Duration.ofMillis(i.get("localtimeOffsetMsec").asLong()));
        c.exp("ts", signer.timestampSeconds());
    }

    private static List<Integer> unsigned(byte[] bytes) {
        List<Integer> out = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            out.add(b & 0xff);
        }
        return out;
    }
}
