package io.fxhome.sandbox.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fxhome.sandbox.testsupport.SandboxTestBase;
import io.fxhome.sandbox.testsupport.SyncTestClient.Resp;
import io.fxhome.sandbox.testsupport.TestHawk;

/** The storage node refuses bad MACs, stale timestamps and replayed nonces with 401, as Mozilla's does. */
class StorageHawkTest extends SandboxTestBase {

    private Resp signed(Session s, String method, String path, long ts, String nonce, String hash, String body,
            String contentType) throws Exception {
        URI uri = URI.create(s.token().apiEndpoint() + path);
        String auth = TestHawk.header(method, uri, s.token().id(), s.token().key().getBytes(StandardCharsets.US_ASCII),
                ts, nonce, hash);
        Map<String, String> h = contentType == null ? Map.of("Authorization", auth)
                : Map.of("Authorization", auth, "Content-Type", contentType);
        return client.send(method, uri.toString(), h, body);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void correctRequestIsAccepted() throws Exception {
        Session s = emptySession();
        Resp ok = signed(s, "GET", "/info/collections", now(), TestHawk.nonce(), null, null, null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("X-Weave-Timestamp")).isNotNull();
    }

    @Test
    void badMacIsRefused() throws Exception {
        Session s = emptySession();
        URI uri = URI.create(s.token().apiEndpoint() + "/info/collections");
        String auth = TestHawk.header("GET", uri, s.token().id(), "wrong-key".getBytes(StandardCharsets.US_ASCII));
        Resp r = client.send("GET", uri.toString(), Map.of("Authorization", auth), null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("0");
        assertThat(r.header("X-Weave-Timestamp")).isNotNull();

        // Decoding the key instead of using its ASCII bytes is the classic client bug: refused.
        String decodedKeyAuth = TestHawk.header("GET", uri, s.token().id(),
                Base64.getUrlDecoder().decode(s.token().key()));
        assertThat(client.send("GET", uri.toString(), Map.of("Authorization", decodedKeyAuth), null).status())
                .isEqualTo(401);
    }

    @Test
    void macCoversMethodResourceAndQuery() throws Exception {
        Session s = emptySession();
        URI signedUri = URI.create(s.token().apiEndpoint() + "/storage/history?full=1&sort=oldest");
        String auth = TestHawk.header("GET", signedUri, s.token().id(),
                s.token().key().getBytes(StandardCharsets.US_ASCII));
        Resp reordered = client.send("GET", s.token().apiEndpoint() + "/storage/history?sort=oldest&full=1",
                Map.of("Authorization", auth), null);
        assertThat(reordered.status()).isEqualTo(401);
        Resp otherMethod = client.send("DELETE", signedUri.toString(), Map.of("Authorization", auth), null);
        assertThat(otherMethod.status()).isEqualTo(401);
    }

    @Test
    void staleTimestampIsRefused() throws Exception {
        Session s = emptySession();
        assertThat(signed(s, "GET", "/info/collections", now() - 120, TestHawk.nonce(), null, null, null).status())
                .isEqualTo(401);
        assertThat(signed(s, "GET", "/info/collections", now() + 120, TestHawk.nonce(), null, null, null).status())
                .isEqualTo(401);
        assertThat(signed(s, "GET", "/info/collections", now() - 30, TestHawk.nonce(), null, null, null).status())
                .as("within the 60 s window").isEqualTo(200);
    }

    @Test
    void replayedNonceIsRefused() throws Exception {
        Session s = emptySession();
        long ts = now();
        String nonce = TestHawk.nonce();
        assertThat(signed(s, "GET", "/info/collections", ts, nonce, null, null, null).status()).isEqualTo(200);
        Resp replay = signed(s, "GET", "/info/collections", ts, nonce, null, null, null);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.body()).isEqualTo("0");
    }

    @Test
    void schemeMustBeExactlyHawk() throws Exception {
        Session s = emptySession();
        URI uri = URI.create(s.token().apiEndpoint() + "/info/collections");
        String auth = TestHawk.header("GET", uri, s.token().id(), s.token().key().getBytes(StandardCharsets.US_ASCII));
        assertThat(client.send("GET", uri.toString(), Map.of("Authorization", "hawk " + auth.substring(5)), null)
                .status()).isEqualTo(401);
        assertThat(client.send("GET", uri.toString(), Map.of(), null).status()).isEqualTo(401);
    }

    @Test
    void payloadHashIsPartOfTheMacWhenSent() throws Exception {
        Session s = emptySession();
        String body = "[{\"id\":\"a\",\"payload\":\"x\"}]";
        String hash = TestHawk.payloadHash("application/json", body.getBytes(StandardCharsets.UTF_8));
        assertThat(signed(s, "POST", "/storage/forms", now(), TestHawk.nonce(), hash, body, "application/json")
                .status()).isEqualTo(200);
        // Storage does not compare the hash with the body (syncstorage-rs), but a hash header not covered by the
        // MAC is a bad MAC.
        URI uri = URI.create(s.token().apiEndpoint() + "/storage/forms");
        String auth = TestHawk.header("POST", uri, s.token().id(), s.token().key().getBytes(StandardCharsets.US_ASCII));
        String withUnsignedHash = auth.replace(", mac=", ", hash=\"" + hash + "\", mac=");
        assertThat(client.send("POST", uri.toString(), Map.of("Authorization", withUnsignedHash, "Content-Type",
                "application/json"), body).status()).isEqualTo(401);
    }

    @Test
    void uidInUrlMustMatchTheToken() throws Exception {
        Session s = emptySession();
        Session other = emptySession();
        URI uri = URI.create(other.token().apiEndpoint() + "/info/collections");
        String auth = TestHawk.header("GET", uri, s.token().id(), s.token().key().getBytes(StandardCharsets.US_ASCII));
        Resp r = client.send("GET", uri.toString(), Map.of("Authorization", auth), null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("0");
    }
}
