package io.fxhome.sync.fxa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.crypto.Digests;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.ServerProtocolException;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.http.HttpTransport;
import io.fxhome.sync.json.Json;
import io.fxhome.sync.testsupport.MutableClock;
import io.fxhome.sync.testsupport.SyncFixtures;
import io.fxhome.sync.testsupport.TestHttpServer;
import io.fxhome.sync.testsupport.TestHttpServer.Response;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The browser OAuth flow: authorization URL with PKCE and keys_jwk, then the code exchange whose keys_jwe the test
 * server encrypts to the published key the way FxA does (ECDH-ES + A256GCM, written independently here).
 */
class OAuthCodeFlowTest {
    private static final String KID = "1526414944666-zgTjf5oXmPmBjxwXWFsDWg";

    private TestHttpServer server;
    private OAuthCodeFlow flow;
    private final byte[] kSync = new byte[64];

    @BeforeEach
    void start() {
        server = new TestHttpServer();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
        FxaClient fxa = new FxaClient(FxaConfig.production().withAuthUrl(server.baseUri())
                .withContentUrl(URI.create("https://accounts.example.test/")), HttpTransport.create("ua"),
                new HawkSigner(clock, () -> "n"), clock);
        flow = new OAuthCodeFlow(fxa);
        SyncFixtures.RANDOM.nextBytes(kSync);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Map<String, String> params(URI url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : url.getRawQuery().split("&")) {
            int eq = p.indexOf('=');
            out.put(p.substring(0, eq), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void authorizationUrlCarriesPkceScopeAndAPublicOnlyJwk() throws Exception {
        OAuthStart start = flow.begin("https://fxhome.example/oauth/callback");

        URI url = start.authorizationUrl();
        assertThat(url.getScheme() + "://" + url.getHost() + url.getPath())
                .isEqualTo("https://accounts.example.test/authorization");
        Map<String, String> p = params(url);
        assertThat(p).containsEntry("client_id", "e7ce535d93522896")
                .containsEntry("scope", "https://identity.mozilla.com/apps/oldsync")
                .containsEntry("code_challenge_method", "S256").containsEntry("access_type", "offline")
                .containsEntry("redirect_uri", "https://fxhome.example/oauth/callback")
                .containsEntry("state", start.pending().state());
        assertThat(p.get("code_challenge")).isEqualTo(Bytes.base64UrlNoPad(
                Digests.sha256(start.pending().codeVerifier().getBytes(StandardCharsets.US_ASCII))));
        assertThat(start.pending().codeVerifier()).hasSize(43).matches("[A-Za-z0-9_-]+");
        JsonNode jwk = Json.MAPPER.readTree(Bytes.base64UrlDecode(p.get("keys_jwk")));
        assertThat(jwk.get("kty").asText()).isEqualTo("EC");
        assertThat(jwk.get("crv").asText()).isEqualTo("P-256");
        assertThat(jwk.has("d")).isFalse();
        assertThat(start.pending().toString()).doesNotContain(start.pending().state())
                .doesNotContain(start.pending().codeVerifier());
        assertThat(url.getRawQuery()).doesNotContain("+");
    }

    @Test
    void completesWithTheDecryptedScopedKey() throws Exception {
        OAuthStart start = flow.begin("https://fxhome.example/cb");
        JsonNode jwk = Json.MAPPER.readTree(Bytes.base64UrlDecode(params(start.authorizationUrl()).get("keys_jwk")));
        String keys = "{\"https://identity.mozilla.com/apps/oldsync\":{\"kty\":\"oct\",\"scope\":"
                + "\"https://identity.mozilla.com/apps/oldsync\",\"k\":\"" + Bytes.base64UrlNoPad(kSync)
                + "\",\"kid\":\"" + KID + "\"}}";
        String jwe = encryptJwe(jwk, keys.getBytes(StandardCharsets.UTF_8));
        server.on("POST /v1/oauth/token", req -> Response.json(200, "{\"access_token\":\"" + "c".repeat(64)
                + "\",\"refresh_token\":\"" + "d".repeat(64) + "\",\"expires_in\":86399,\"token_type\":\"bearer\","
                + "\"scope\":\"https://identity.mozilla.com/apps/oldsync\",\"auth_at\":1764496800,\"keys_jwe\":\""
                + jwe + "\"}"));

        LinkedAccount linked = flow.complete(start.pending(), "f".repeat(64), start.pending().state());

        JsonNode body = Json.MAPPER.readTree(server.requests().get(0).body());
        assertThat(body).isEqualTo(Json.object().put("grant_type", "authorization_code")
                .put("client_id", "e7ce535d93522896").put("code", "f".repeat(64))
                .put("code_verifier", start.pending().codeVerifier()));
        assertThat(linked.credentials().syncKeys()).isEqualTo(KeyBundle.fromKSync(kSync));
        assertThat(linked.credentials().keyId()).isEqualTo(KID);
        assertThat(linked.credentials().keyRotationTimestamp()).isEqualTo(1526414944666L);
        assertThat(linked.credentials().refreshToken()).isEqualTo("d".repeat(64));
        assertThat(linked.uid()).isNull();
        assertThat(linked.accessToken().token()).isEqualTo("c".repeat(64));
        assertThat(start.pending().privateKey()).containsOnly(0);
    }

    @Test
    void aForeignStateIsRejectedBeforeAnyRequest() {
        OAuthStart start = flow.begin("https://fxhome.example/cb");
        assertThatThrownBy(() -> flow.complete(start.pending(), "code", "not-our-state"))
                .isInstanceOfSatisfying(FxaException.class,
                        e -> assertThat(e.kind()).isEqualTo(FxaException.Kind.STATE_MISMATCH));
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void keysEncryptedToAnotherKeyAreAProtocolError() throws Exception {
        OAuthStart start = flow.begin("https://fxhome.example/cb");
        OAuthStart other = flow.begin("https://fxhome.example/cb");
        JsonNode wrongJwk = Json.MAPPER.readTree(Bytes.base64UrlDecode(params(other.authorizationUrl()).get("keys_jwk")));
        String jwe = encryptJwe(wrongJwk, "{}".getBytes(StandardCharsets.UTF_8));
        server.on("POST /v1/oauth/token", req -> Response.json(200, "{\"access_token\":\"x\",\"refresh_token\":\"y\","
                + "\"expires_in\":1,\"keys_jwe\":\"" + jwe + "\"}"));
        assertThatThrownBy(() -> flow.complete(start.pending(), "code", start.pending().state()))
                .isInstanceOf(ServerProtocolException.class).hasMessageContaining("keys_jwe");
    }

    /** ECDH-ES + A256GCM compact JWE to {@code jwk}, as FxA's server produces it. */
    private static String encryptJwe(JsonNode jwk, byte[] plaintext) throws Exception {
        X9ECParameters p256 = CustomNamedCurves.getByName("P-256");
        ECDomainParameters domain = new ECDomainParameters(p256.getCurve(), p256.getG(), p256.getN(), p256.getH());
        ECKeyPairGenerator gen = new ECKeyPairGenerator();
        gen.init(new ECKeyGenerationParameters(domain, SyncFixtures.RANDOM));
        AsymmetricCipherKeyPair eph = gen.generateKeyPair();
        ECPoint peer = domain.getCurve().createPoint(new BigInteger(1, Bytes.base64UrlDecode(jwk.get("x").asText())),
                new BigInteger(1, Bytes.base64UrlDecode(jwk.get("y").asText())));
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(eph.getPrivate());
        byte[] z = BigIntegers.asUnsignedByteArray(32, agreement.calculateAgreement(new ECPublicKeyParameters(peer, domain)));
        ECPoint q = ((ECPublicKeyParameters) eph.getPublic()).getQ().normalize();
        String header = Json.object().put("alg", "ECDH-ES").put("kid", "test-kid").put("enc", "A256GCM")
                .set("epk", Json.object().put("kty", "EC").put("crv", "P-256")
                        .put("x", Bytes.base64UrlNoPad(BigIntegers.asUnsignedByteArray(32, q.getAffineXCoord().toBigInteger())))
                        .put("y", Bytes.base64UrlNoPad(BigIntegers.asUnsignedByteArray(32, q.getAffineYCoord().toBigInteger()))))
                .toString();
        String headerB64 = Bytes.base64UrlNoPad(header.getBytes(StandardCharsets.UTF_8));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(ByteBuffer.allocate(4).putInt(1).array());
        sha.update(z);
        sha.update(ByteBuffer.allocate(4).putInt(7).array());
        sha.update("A256GCM".getBytes(StandardCharsets.US_ASCII));
        sha.update(new byte[8]);
        sha.update(ByteBuffer.allocate(4).putInt(256).array());
        byte[] cek = sha.digest();
        byte[] iv = new byte[12];
        SyncFixtures.RANDOM.nextBytes(iv);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, iv));
        gcm.updateAAD(headerB64.getBytes(StandardCharsets.US_ASCII));
        byte[] out = gcm.doFinal(plaintext);
        byte[] ct = java.util.Arrays.copyOfRange(out, 0, out.length - 16);
        byte[] tag = java.util.Arrays.copyOfRange(out, out.length - 16, out.length);
        return headerB64 + ".." + Bytes.base64UrlNoPad(iv) + "." + Bytes.base64UrlNoPad(ct) + "."
                + Bytes.base64UrlNoPad(tag);
    }
}
