package io.fxhome.sandbox.tokenserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.testsupport.ClientCrypto;
import io.fxhome.sandbox.testsupport.SandboxTestBase;
import io.fxhome.sandbox.testsupport.SyncTestClient;
import io.fxhome.sandbox.testsupport.SyncTestClient.Resp;

/** {@code GET /1.0/sync/1.5}: the success document and syncstorage-rs's 401 statuses. */
class TokenServerTest extends SandboxTestBase {
    private SyncTestClient.Linked linked;

    @BeforeEach
    void link() throws Exception {
        String email = newEmail();
        sandbox().createAccount(NewAccount.of(email, PASSWORD));
        linked = client.link(email, PASSWORD);
    }

    private static void assertError(Resp r, int status, String statusText, String location, String name) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode j = r.json();
        assertThat(j.get("status").asText()).isEqualTo(statusText);
        assertThat(j.get("errors")).hasSize(1);
        assertThat(j.get("errors").get(0).get("location").asText()).isEqualTo(location);
        assertThat(j.get("errors").get(0).get("name").asText()).isEqualTo(name);
        assertThat(j.get("errors").get(0).has("description")).isTrue();
    }

    @Test
    void issuesATokenForTheRightKeyId() throws Exception {
        Resp r = client.tokenRaw(linked.accessToken(), linked.keyId(), ClientCrypto.clientStateHex(linked.kB()));
        assertThat(r.status()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "key", "uid", "api_endpoint",
                "duration", "hashed_fxa_uid", "hashalg", "node_type");
        assertThat(j.get("key").asText()).hasSize(44);
        assertThat(j.get("uid").isIntegralNumber()).isTrue();
        assertThat(j.get("api_endpoint").asText()).isEqualTo(server.baseUrl() + "/1.5/" + j.get("uid").asLong());
        assertThat(j.get("duration").asLong()).isEqualTo(3600);
        assertThat(j.get("hashalg").asText()).isEqualTo("sha256");
        assertThat(j.get("hashed_fxa_uid").asText()).matches("[0-9a-f]{32}");
        assertThat(Long.parseLong(r.header("X-Timestamp"))).isCloseTo(System.currentTimeMillis() / 1000,
                Offset.offset(5L));
        // The token carries the kid in syncstorage-rs's zero-padded form.
        String payload = new String(Base64.getUrlDecoder().decode(j.get("id").asText()));
        assertThat(payload).contains("\"fxa_kid\":\"" + String.format("%013d", Long.parseLong(
                linked.keyId().split("-")[0])) + "-" + linked.keyId().split("-", 2)[1] + "\"");

        Resp shorter = client.send("GET", server.baseUrl() + "/1.0/sync/1.5?duration=60",
                Map.of("Authorization", "bearer " + linked.accessToken(), "X-KeyID", linked.keyId()), null);
        assertThat(shorter.json().get("duration").asLong()).isEqualTo(60);
    }

    @Test
    void missingKeyIdIsInvalidKeyId() {
        assertError(client.tokenRaw(linked.accessToken(), null, null), 401, "invalid-key-id", "header", "");
    }

    @Test
    void wrongClientStateIsRefused() {
        String ts = linked.keyId().split("-")[0];
        assertError(client.tokenRaw(linked.accessToken(), ts + "-AAAAAAAAAAAAAAAAAAAAAA", null), 401,
                "invalid-client-state", "header", "X-Client-State");
    }

    @Test
    void clientStateHeaderMustAgreeWithKeyId() {
        assertError(client.tokenRaw(linked.accessToken(), linked.keyId(), "00000000000000000000000000000000"), 401,
                "invalid-client-state", "body", "");
        assertError(client.tokenRaw(linked.accessToken(), linked.keyId(), "not hex!"), 400, "error", "header",
                "X-Client-State");
    }

    @Test
    void keysChangedAtMustBeTheKeyRotationTimestamp() {
        long ts = Long.parseLong(linked.keyId().split("-")[0]);
        String state = linked.keyId().split("-", 2)[1];
        assertError(client.tokenRaw(linked.accessToken(), (ts + 1000) + "-" + state, null), 401,
                "invalid-keysChangedAt", "body", "");
        assertError(client.tokenRaw(linked.accessToken(), (ts - 1000) + "-" + state, null), 401,
                "invalid-keysChangedAt", "body", "");
        assertError(client.tokenRaw(linked.accessToken(), "0-" + state, null), 401, "invalid-keysChangedAt", "body",
                "");
    }

    @Test
    void malformedKeyIdOrBadBearerIsInvalidCredentials() {
        assertError(client.tokenRaw(linked.accessToken(), "nodash", null), 401, "invalid-credentials", "body", "");
        assertError(client.tokenRaw(linked.accessToken(), "123-!!!", null), 401, "invalid-credentials", "body", "");
        assertError(client.tokenRaw("0".repeat(64), linked.keyId(), null), 401, "invalid-credentials", "body", "");
        Resp noAuth = client.tokenRaw(null, linked.keyId(), null);
        assertThat(noAuth.status()).isEqualTo(401);
        Resp basic = client.send("GET", server.baseUrl() + "/1.0/sync/1.5", Map.of("Authorization",
                "Basic abc", "X-KeyID", linked.keyId()), null);
        assertThat(basic.status()).isEqualTo(401);
    }

    @Test
    void unknownApplicationIs404() {
        Resp r = client.send("GET", server.baseUrl() + "/1.0/sync/1.1", Map.of("Authorization",
                "Bearer " + linked.accessToken(), "X-KeyID", linked.keyId()), null);
        assertError(r, 404, "error", "url", "1.1");
    }
}
