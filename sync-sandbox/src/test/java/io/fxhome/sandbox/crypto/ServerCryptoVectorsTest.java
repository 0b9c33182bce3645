package io.fxhome.sandbox.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.hawk.HawkHeader;
import io.fxhome.sandbox.hawk.HawkMac;
import io.fxhome.sandbox.hawk.HawkRequest;
import io.fxhome.sandbox.hawk.HawkVerifier;
import io.fxhome.sandbox.tokenserver.TokenMinter;
import io.fxhome.sandbox.tokenserver.TokenPayload;
import io.fxhome.vectors.testing.Vectors;

/**
 * Mozilla's published vectors that concern server-side crypto, reproduced by the sandbox's main code: tokenlib
 * token, derived secret and storage Hawk MACs; the onepw server-side stretch and the /account/keys bundle; token
 * derivations; kSync/kid; record encryption; Hawk MACs and verification; the keys_jwe key agreement.
 */
class ServerCryptoVectorsTest {

    static Stream<Named<JsonNode>> named(String file, String kind) {
        return Vectors.cases(file, kind).stream().map(c -> Named.of(c.get("id").asText(), c));
    }

    static Stream<Named<JsonNode>> tokenDerivations() {
        return named("onepw.json", "hkdf_token_derivation");
    }

    static Stream<Named<JsonNode>> accountKeysBundles() {
        return named("onepw.json", "onepw_account_keys_bundle");
    }

    static Stream<Named<JsonNode>> oldsyncKeys() {
        return named("ksync.json", "oldsync_scoped_key");
    }

    static Stream<Named<JsonNode>> kSyncBundles() {
        return named("keybundle.json", "ksync_from_kb");
    }

    static Stream<Named<JsonNode>> hawkHeaders() {
        return named("hawk.json", "hawk_header")
                .filter(n -> !"sha1".equals(n.getPayload().path("inputs").path("credentials").path("algorithm")
                        .asText()));
    }

    static Stream<Named<JsonNode>> bearers() {
        return named("fxa_bearer.json", "fxa_bearer");
    }

    static Stream<Named<JsonNode>> hkdfCases() {
        return Stream.concat(named("tokenlib.json", "hkdf"), named("ksync.json", "hkdf"));
    }

    private static byte[] hex(JsonNode n) {
        return Hex.decode(n.asText());
    }

    @Test
    void tokenlibFixtureOpensDerivesAndVerifiesItsHawkMacs() throws Exception {
        JsonNode c = Vectors.caseById("tokenlib.json", "syncstorage-hawk-fixture");
        JsonNode in = c.get("inputs");
        JsonNode expected = c.get("expected").get("payload");
        TokenMinter minter = new TokenMinter(in.get("master_secret_utf8").asText());
        String token = in.get("token").asText();

        TokenPayload payload = minter.open(token);
        assertThat(payload.uid()).isEqualTo(expected.get("uid").asLong());
        assertThat(payload.node()).isEqualTo(expected.get("node").asText());
        assertThat(payload.expires()).isEqualTo(expected.get("expires").asDouble());
        assertThat(payload.salt()).isEqualTo(expected.get("salt").asText());
        assertThat(payload.fxaUid()).isEqualTo(expected.get("fxa_uid").asText());
        assertThat(payload.fxaKid()).isEqualTo(expected.get("fxa_kid").asText());
        assertThat(payload.hashedFxaUid()).isEqualTo(expected.get("hashed_fxa_uid").asText());
        assertThat(payload.hashedDeviceId()).isEqualTo(expected.get("hashed_device_id").asText());

        String key = minter.derivedKey(token, payload.salt());
        assertThat(key).isEqualTo(c.get("derived_not_published").get("derived_secret_key").asText());

        HawkVerifier verifier = new HawkVerifier(60);
        for (int i = 0; i < 2; i++) {
            JsonNode r = in.get("requests").get(i);
            String mac = c.get("expected").get("request_macs_b64").get(i).asText();
            String normalized = HawkMac.normalized(r.get("ts").asText(), r.get("nonce").asText(),
                    r.get("method").asText(), r.get("path").asText(), r.get("host").asText(), r.get("port").asInt(),
                    null, null);
            assertThat(HawkMac.mac(key.getBytes(StandardCharsets.US_ASCII), normalized)).isEqualTo(mac);
            // The storage node accepts the fixture's request as syncstorage-rs's test does.
            HawkHeader header = HawkHeader.parse("Hawk id=\"" + token + "\", mac=\"" + mac + "\", nonce=\""
                    + r.get("nonce").asText() + "\", ts=\"" + r.get("ts").asText() + "\"");
            verifier.verify(header, new HawkRequest(r.get("method").asText(), r.get("path").asText(),
                    r.get("host").asText(), r.get("port").asInt()), key.getBytes(StandardCharsets.US_ASCII), null,
                    null, r.get("ts").asLong());
        }
    }

    @Test
    void tokenlibRejectsATamperedSignature() {
        JsonNode in = Vectors.caseById("tokenlib.json", "syncstorage-hawk-fixture").get("inputs");
        TokenMinter minter = new TokenMinter(in.get("master_secret_utf8").asText());
        String token = in.get("token").asText();
        String tampered = token.substring(0, token.length() - 6) + (token.charAt(token.length() - 6) == 'A' ? "B"
                : "A") + token.substring(token.length() - 5);
        assertThatThrownBy(() -> minter.open(tampered)).isInstanceOf(TokenMinter.InvalidTokenException.class);
        assertThatThrownBy(() -> new TokenMinter("wibble").open(token))
                .isInstanceOf(TokenMinter.InvalidTokenException.class);
    }

    @Test
    void mintedTokensRoundTripThroughTheStorageNodeDerivation() throws Exception {
        TokenMinter minter = new TokenMinter("Ted Koppel is a robot");
        TokenPayload p = new TokenPayload("http://127.0.0.1:1/node2", "0001510726317-BAik7hEOdpGnPZnPBSdaTg",
                "319b98f9961ff1dbdd07313cd6ba925a", "aa", "bb", 1_884_968_439, 42, "rust", minter.newSalt());
        TokenMinter.Minted m = minter.mint(p);
        assertThat(minter.open(m.id())).isEqualTo(p);
        assertThat(m.key()).isEqualTo(minter.derivedKey(m.id(), p.salt())).hasSize(44).endsWith("=");
        assertThat(m.id()).matches("[A-Za-z0-9_=-]+");
    }

    @Test
    void metricsHashVector() {
        JsonNode c = Vectors.caseById("tokenlib.json", "syncstorage-metrics-hash");
        assertThat(TokenMinter.metricsHash(c.get("inputs").get("key_utf8").asText(),
                c.get("inputs").get("message_utf8").asText())).isEqualTo(c.get("expected").get("hmac_hex").asText());
    }

    @ParameterizedTest
    @MethodSource("hkdfCases")
    void hkdf(JsonNode c) {
        JsonNode in = c.get("inputs");
        byte[] salt = in.has("salt_hex") ? hex(in.get("salt_hex")) : new byte[0];
        byte[] info = in.has("info_hex") ? hex(in.get("info_hex"))
                : in.get("info_utf8").asText().getBytes(StandardCharsets.UTF_8);
        byte[] ikm = hex(in.get("ikm_hex"));
        JsonNode x = c.get("expected");
        if (x.has("okm_hex")) {
            assertThat(Hex.encode(Hkdf.derive(ikm, salt, info, in.get("length").asInt())))
                    .isEqualTo(x.get("okm_hex").asText());
        }
        if (x.has("prk_hex")) {
            assertThat(Hex.encode(Hkdf.extract(salt, ikm))).isEqualTo(x.get("prk_hex").asText());
        }
    }

    @Test
    void onepwServerSideStretch() {
        JsonNode c = Vectors.caseById("onepw.json", "onepw-client-stretch-kdf");
        JsonNode in = c.get("inputs");
        JsonNode x = c.get("expected");
        QuickStretch qs = QuickStretch.of(in.get("email_utf8").asText(), in.get("password_utf8").asText());
        assertThat(Hex.encode(qs.authPW())).isEqualTo(x.get("authPW_hex").asText());
        assertThat(Hex.encode(qs.unwrapBKey())).isEqualTo(x.get("unwrapBKey_hex").asText());

        byte[] authSalt = hex(in.get("authSalt_hex"));
        PasswordVerifier.Stretched s = PasswordVerifier.stretch(qs.authPW(), authSalt, 65_536);
        assertThat(Hex.encode(s.bigStretchedPW())).isEqualTo(x.get("bigStretchedPW_hex").asText());
        assertThat(Hex.encode(s.verifyHash())).isEqualTo(x.get("verifyHash_hex").asText());
        assertThat(Hex.encode(s.wrapwrapKey())).isEqualTo(x.get("wrapwrapKey_hex").asText());

        PasswordVerifier verifier = PasswordVerifier.fromStretch(authSalt, 65_536, s);
        assertThat(verifier.check(qs.authPW())).isNotNull();
        byte[] wrong = qs.authPW();
        wrong[0] ^= 1;
        assertThat(verifier.check(wrong)).isNull();
        assertThat(verifier.toString()).doesNotContain(x.get("verifyHash_hex").asText());
    }

    @ParameterizedTest
    @MethodSource("tokenDerivations")
    void fxaTokenDerivation(JsonNode c) {
        JsonNode in = c.get("inputs");
        String kind = in.get("info_utf8").asText().substring(Hkdf.NS.length());
        FxaTokenKeys k = FxaTokenKeys.derive(hex(in.get("token_hex")), kind);
        JsonNode order = c.get("output_order");
        byte[][] parts = { k.tokenId(), k.reqHMACkey(), k.keyRequestKey() };
        for (int i = 0; i < order.size(); i++) {
            assertThat(Hex.encode(parts[i])).as(order.get(i).asText())
                    .isEqualTo(c.get("expected").get(order.get(i).asText()).asText());
        }
    }

    @ParameterizedTest
    @MethodSource("accountKeysBundles")
    void accountKeysBundle(JsonNode c) {
        JsonNode in = c.get("inputs");
        byte[] keyRequestKey = in.has("keyRequestKey_hex") ? hex(in.get("keyRequestKey_hex"))
                : FxaTokenKeys.derive(hex(in.get("keyFetchToken_hex")), "keyFetchToken").keyRequestKey();
        byte[] bundle = AccountKeysBundle.bundle(keyRequestKey, hex(in.get("kA_hex")), hex(in.get("wrapkB_hex")));
        assertThat(Hex.encode(bundle)).isEqualTo(c.get("expected").get("response_hex").asText());
        if (c.get("expected").has("kB_hex")) {
            assertThat(Hex.encode(Hmacs.xor(hex(in.get("wrapkB_hex")), hex(in.get("unwrapBKey_hex")))))
                    .isEqualTo(c.get("expected").get("kB_hex").asText());
        }
    }

    @Test
    void accountKeysBundleMatchesTheFxaAuthClientUnbundleVector() {
        JsonNode c = Vectors.caseById("onepw.json", "fxa-auth-client-unbundleKeyFetchResponse");
        byte[] bundle = AccountKeysBundle.bundle(hex(c.get("inputs").get("bundleKey_hex")),
                hex(c.get("expected").get("kA_hex")), hex(c.get("expected").get("wrapKB_hex")));
        assertThat(Hex.encode(bundle)).isEqualTo(c.get("inputs").get("bundle_hex").asText());
    }

    @ParameterizedTest
    @MethodSource("oldsyncKeys")
    void kSyncAndKeyId(JsonNode c) {
        JsonNode in = c.get("inputs");
        byte[] kB = in.has("kB_hex") ? hex(in.get("kB_hex"))
                : Hmacs.xor(hex(in.get("wrapKB_hex")),
                        hex(in.get("unwrapBKey_hex")));
        assertThat(Base64s.urlNoPad(SyncKeys.kSync(kB))).isEqualTo(c.get("expected").get("k_b64url").asText());
        assertThat(SyncKeys.keyId(in.get("keyRotationTimestamp_ms").asLong(), kB))
                .isEqualTo(c.get("expected").get("kid").asText());
        if (c.has("derived_not_published") && c.get("derived_not_published").has("X_Client_State")) {
            assertThat(SyncKeys.clientStateHex(kB)).isEqualTo(c.get("derived_not_published").get("X_Client_State")
                    .asText());
        }
    }

    @ParameterizedTest
    @MethodSource("kSyncBundles")
    void kSyncBundle(JsonNode c) {
        KeyBundle b = KeyBundle.fromKB(hex(c.get("inputs").get("kB_hex")));
        JsonNode x = c.get("expected");
        if (x.has("encKey_hex")) {
            assertThat(Hex.encode(b.encKey())).isEqualTo(x.get("encKey_hex").asText());
            assertThat(Hex.encode(b.hmacKey())).isEqualTo(x.get("hmacKey_hex").asText());
        }
        if (x.has("encKey_b64")) {
            assertThat(b.toBase64Pair()).containsExactly(x.get("encKey_b64").asText(), x.get("hmacKey_b64").asText());
        }
        assertThat(b.toString()).doesNotContain(b.toBase64Pair().get(0));
    }

    @Test
    void recordEncryptionVector() {
        JsonNode c = Vectors.caseById("record.json", "storageformat5-record-encryption-SECRET-MESSAGE");
        JsonNode in = c.get("inputs");
        RecordCipher.Envelope e = RecordCipher.encrypt(in.get("cleartext_utf8").asText(),
                new KeyBundle(hex(in.get("encKey_hex")), hex(in.get("hmacKey_hex"))), hex(in.get("IV_hex")));
        assertThat(e.ciphertext()).isEqualTo(c.get("expected").get("ciphertext_b64").asText());
        assertThat(e.hmac()).isEqualTo(c.get("expected").get("hmac_hex").asText());
        assertThat(e.toPayload()).startsWith("{\"ciphertext\":\"" + e.ciphertext() + "\",\"IV\":\"");
    }

    @Test
    void reEncryptingTheSync15HistoryRecordReproducesItsCiphertextAndHmac() {
        JsonNode c = Vectors.caseById("record.json", "sync15-history-5qRsgXWRJZXr");
        JsonNode in = c.get("inputs");
        KeyBundle keys = KeyBundle.fromBase64Pair(in.get("key_source").get("encKey_b64").asText(),
                in.get("key_source").get("hmacKey_b64").asText());
        RecordCipher.Envelope e = RecordCipher.encrypt(Base64s.fromStd(c.get("expected").get("cleartext_b64")
                .asText()), keys, Base64s.fromStd(in.get("IV_b64").asText()));
        assertThat(e.ciphertext()).isEqualTo(in.get("ciphertext_b64").asText());
        assertThat(e.hmac()).isEqualTo(in.get("hmac_hex").asText());
        assertThat(e.iv()).isEqualTo(in.get("IV_b64").asText());
    }

    @ParameterizedTest
    @MethodSource("hawkHeaders")
    void hawkMacs(JsonNode c) throws Exception {
        JsonNode in = c.get("inputs");
        JsonNode x = c.get("expected");
        JsonNode cred = in.get("credentials");
        byte[] key = cred.has("key_hex") ? hex(cred.get("key_hex"))
                : cred.get("key_utf8").asText().getBytes(StandardCharsets.UTF_8);
        String host;
        int port;
        String resource;
        if (in.has("url")) {
            URI u = URI.create(in.get("url").asText());
            host = u.getHost();
            port = u.getPort() > 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
            resource = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        } else {
            host = in.get("host").asText();
            port = in.get("port").asInt();
            resource = in.get("resource").asText();
        }
        String hash = in.has("hash_b64") ? in.get("hash_b64").asText()
                : in.has("payload_utf8") ? HawkMac.payloadHash(in.path("content_type").asText(null),
                        in.get("payload_utf8").asText().getBytes(StandardCharsets.UTF_8)) : null;
        if (x.has("hash_b64")) {
            assertThat(hash).isEqualTo(x.get("hash_b64").asText());
        }
        String ext = in.path("ext").asText(null);
        String normalized = HawkMac.normalized(in.get("ts").asText(), in.get("nonce").asText(),
                in.get("method").asText(), resource, host, port, hash, ext);
        if (x.has("normalized")) {
            assertThat(normalized).isEqualTo(x.get("normalized").asText());
        }
        String mac = HawkMac.mac(key, normalized);
        if (x.has("mac_b64")) {
            assertThat(mac).isEqualTo(x.get("mac_b64").asText());
        }
        if (x.has("mac_bytes")) {
            byte[] expected = new byte[x.get("mac_bytes").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (byte) x.get("mac_bytes").get(i).asInt();
            }
            assertThat(Base64s.fromStd(mac)).isEqualTo(expected);
        }
        if (x.has("header")) {
            // The published header parses and verifies (MAC, timestamp at its own time, payload hash, nonce).
            HawkHeader header = HawkHeader.parse(x.get("header").asText());
            assertThat(header.mac()).isEqualTo(mac);
            byte[] body = in.has("payload_utf8") && !in.has("hash_b64")
                    ? in.get("payload_utf8").asText().getBytes(StandardCharsets.UTF_8)
                    : null;
            new HawkVerifier(60).verify(header, new HawkRequest(in.get("method").asText(), resource, host, port), key,
                    in.path("content_type").asText(null), body, in.get("ts").asLong());
        }
    }

    @Test
    void hawkReadmeRequestsAreAcceptedAndTamperingIsRefused() throws Exception {
        for (String id : new String[] { "hawk-readme-GET", "hawk-readme-POST-payload" }) {
            JsonNode c = Vectors.caseById("hawk.json", id);
            JsonNode in = c.get("inputs");
            HawkHeader header = HawkHeader.parse(c.get("expected").get("header").asText());
            byte[] key = in.get("credentials").get("key_utf8").asText().getBytes(StandardCharsets.UTF_8);
            HawkRequest request = HawkRequest.of(in.get("method").asText(), "/resource/1?b=1&a=2", "example.com:8000",
                    false);
            byte[] body = in.has("payload_utf8") ? in.get("payload_utf8").asText().getBytes(StandardCharsets.UTF_8)
                    : null;
            HawkVerifier verifier = new HawkVerifier(60);
            long ts = in.get("ts").asLong();
            verifier.verify(header, request, key, in.path("content_type").asText(null), body, ts);
            assertThatThrownBy(() -> verifier.verify(header, request, key, in.path("content_type").asText(null), body,
                    ts)).hasMessage("REPLAYED_NONCE");
            assertThatThrownBy(() -> new HawkVerifier(60).verify(header, request, key,
                    in.path("content_type").asText(null), body, ts + 61)).hasMessage("STALE_TIMESTAMP");
            HawkRequest otherResource = HawkRequest.of(in.get("method").asText(), "/resource/1?a=2&b=1",
                    "example.com:8000", false);
            assertThatThrownBy(() -> new HawkVerifier(60).verify(header, otherResource, key,
                    in.path("content_type").asText(null), body, ts)).hasMessage("BAD_MAC");
            if (body != null) {
                assertThatThrownBy(() -> new HawkVerifier(60).verify(header, request, key, "text/plain",
                        "Thank you for flying Hawk!".getBytes(StandardCharsets.UTF_8), ts))
                        .hasMessage("BAD_PAYLOAD_HASH");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("bearers")
    void fxaBearerIds(JsonNode c) {
        String kind = c.get("inputs").get("token_kind").asText();
        FxaTokenKeys k = FxaTokenKeys.derive(hex(c.get("inputs").get("token_hex")), kind);
        assertThat("Bearer fxs_" + k.tokenIdHex()).isEqualTo(c.get("expected").get("authorization").asText());
    }
}
