package io.fxhome.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.generator.CleartextTruth;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testsupport.SandboxTestBase;
import io.fxhome.sandbox.testsupport.SyncTestClient;
import io.fxhome.sandbox.testsupport.SyncTestClient.Resp;

/** The admin API under /__sandbox over HTTP. */
class AdminApiTest extends SandboxTestBase {

    private static String path(String email) {
        return "/__sandbox/accounts/" + URLEncoder.encode(email, StandardCharsets.UTF_8);
    }

    private static Resp create(String json) {
        return client.postJson("/__sandbox/accounts", json);
    }

    @Test
    void createsInspectsAndDeletesAccounts() throws Exception {
        String email = newEmail();
        Resp created = create("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"verification\":\"email-otp\",\"profile\":\"small\",\"seed\":5}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode info = created.json();
        assertThat(info.get("email").asText()).isEqualTo(email);
        assertThat(info.get("uid").asText()).matches("[0-9a-f]{32}");
        assertThat(info.get("verification").asText()).isEqualTo("EMAIL_OTP");
        assertThat(info.get("storagePath").asText()).isEqualTo("/1.5/" + info.get("storageUid").asLong());
        assertThat(info.get("keyId").asText()).startsWith(info.get("keyRotationTimestamp").asText() + "-");

        assertThat(create("{\"email\":\"" + email + "\",\"password\":\"x\"}").status()).isEqualTo(409);
        assertThat(create("{\"password\":\"x\"}").status()).isEqualTo(400);
        assertThat(client.get(path(email)).json().get("uid").asText()).isEqualTo(info.get("uid").asText());
        assertThat(client.get("/__sandbox/accounts").json().findValuesAsText("email")).contains(email);
        assertThat(client.get(path("nobody@example.com")).status()).isEqualTo(404);

        Resp truth = client.get(path(email) + "/truth");
        assertThat(truth.status()).isEqualTo(200);
        CleartextTruth javaTruth = sandbox().truth(email);
        JsonNode t = truth.json();
        assertThat(t.get("metaGlobal").get("storageVersion").asInt()).isEqualTo(5);
        assertThat(t.get("collections").get("history").get("records").size())
                .isEqualTo(javaTruth.collection("history").records().size());
        String anyId = javaTruth.collection("history").records().keySet().iterator().next();
        assertThat(t.get("collections").get("history").get("records").get(anyId))
                .isEqualTo(SyncTestClient.parse(javaTruth.collection("history").records().get(anyId)));

        client.loginRaw(email, PASSWORD, email);
        JsonNode outbox = client.get(path(email) + "/outbox").json();
        assertThat(outbox).hasSize(1);
        assertThat(outbox.get(0).get("code").asText()).matches("\\d{6}");
        assertThat(outbox.get(0).get("to").asText()).isEqualTo(email);

        assertThat(client.send("DELETE", server.baseUrl() + path(email), Map.of(), null).status()).isEqualTo(200);
        assertThat(client.get(path(email)).status()).isEqualTo(404);
    }

    @Test
    void profileAsAnObjectAndTotpCodes() {
        String email = newEmail();
        Resp created = create("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"verification\":"
                + "\"totp-2fa\",\"profile\":{\"seed\":3,\"bookmarks\":5,\"history\":7,\"devices\":1,"
                + "\"tombstoneRate\":0,\"hostile\":false,\"badHmacRecord\":true}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("totpSecret").asText()).matches("[A-Z2-7]{32}");
        JsonNode history = client.get(path(email) + "/truth").json().get("collections").get("history");
        assertThat(history.get("records").size()).isEqualTo(7);
        assertThat(history.get("skipped").size()).isEqualTo(1);
        assertThat(client.get(path(email) + "/totp").json().get("code").asText()).matches("\\d{6}");
    }

    @Test
    void faultsOverHttp() throws Exception {
        Session s = profileSession(ProfileSpec.small(31).withSizes(5, 10, 1));
        String base = path(s.email()) + "/faults/";
        assertThat(client.postJson(base + "storage-unavailable", "{\"count\":1,\"retryAfter\":7}").status())
                .isEqualTo(200);
        Resp unavailable = client.storage(s.token(), "GET", "/info/collections");
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.header("Retry-After")).isEqualTo("7");

        client.postJson(base + "backoff", "{\"count\":1,\"seconds\":300}");
        assertThat(client.storage(s.token(), "GET", "/info/collections").header("X-Weave-Backoff")).isEqualTo("300");

        JsonNode bad = client.postJson(base + "bad-hmac", "{\"collection\":\"history\"}").json();
        assertThat(sandbox().truth(s.email()).collection("history").skipped()).containsKey(bad.get("id").asText());
        JsonNode moved = client.postJson(base + "reassign-node", "{\"copyData\":true}").json();
        assertThat(moved.get("onNode2").asBoolean()).isTrue();
        assertThat(client.postJson(base + "expire-tokens", "{}").status()).isEqualTo(200);
        assertThat(client.postJson(base + "rotate-keys", "{}").status()).isEqualTo(200);
        assertThat(client.postJson(base + "wipe", "{\"reupload\":true}").status()).isEqualTo(200);
        assertThat(client.postJson(base + "not-a-fault", "{}").status()).isEqualTo(404);

        assertThat(client.postJson("/__sandbox/faults/throttle-signin", "{\"count\":1,\"retryAfter\":3}").status())
                .isEqualTo(200);
        assertThat(client.loginRaw(s.email(), PASSWORD, s.email()).status()).isEqualTo(429);
        client.postJson("/__sandbox/faults/fxa-unavailable", "{\"count\":5}");
        assertThat(client.send("DELETE", server.baseUrl() + "/__sandbox/faults", Map.of(), null).status())
                .isEqualTo(200);
        assertThat(client.loginRaw(s.email(), PASSWORD, s.email()).status()).isEqualTo(200);
        assertThat(client.postJson("/__sandbox/faults/wipe", "{}").status()).as("per-account only").isEqualTo(404);
    }

    @Test
    void recordsOverHttp() {
        String email = newEmail();
        create("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        String records = path(email) + "/collections/history/records";
        Resp put = client.send("PUT", server.baseUrl() + records + "/abcdefghijkl", Map.of("Content-Type",
                "application/json"), "{\"histUri\":\"https://example.org/\",\"visits\":[]}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(sandbox().truth(email).collection("history").records()).containsKey("abcdefghijkl");
        Resp added = client.postJson(records, "{\"histUri\":\"https://example.org/2\",\"visits\":[]}");
        String id = added.json().get("id").asText();
        assertThat(sandbox().truth(email).collection("history").records()).containsKey(id);

        client.send("DELETE", server.baseUrl() + records + "/abcdefghijkl", Map.of(), null);
        assertThat(sandbox().truth(email).collection("history").tombstones()).contains("abcdefghijkl");
        client.send("DELETE", server.baseUrl() + records + "/" + id + "?purge=true", Map.of(), null);
        assertThat(sandbox().truth(email).collection("history").records()).doesNotContainKey(id);
        assertThat(sandbox().truth(email).collection("history").tombstones()).doesNotContain(id);
    }

    @Test
    void anotherFirefoxChangesItsTabsOverHttp() {
        String email = newEmail();
        create("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        Resp put = client.send("PUT", server.baseUrl() + path(email) + "/tabs/laptop0000ab", Map.of("Content-Type",
                "application/json"),
                "{\"clientName\":\"Laptop\",\"tabs\":[{\"title\":\"News\",\"url\":\"https://news.example/\"},"
                        + "{\"url\":\"https://mail.example/\"}]}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode record = sandbox().truth(email).collection("tabs").cleartext("laptop0000ab");
        assertThat(record.get("clientName").asText()).isEqualTo("Laptop");
        assertThat(record.get("tabs").get(0).get("urlHistory").get(0).asText()).isEqualTo("https://news.example/");
        assertThat(record.get("tabs").get(1).get("urlHistory").get(0).asText()).isEqualTo("https://mail.example/");
        assertThat(client.send("PUT", server.baseUrl() + path(email) + "/tabs/x", Map.of("Content-Type", "application/json"),
                "{\"tabs\":[1]}").status()).isEqualTo(400);
    }

    @Test
    void demoEndpointIs404WithoutADemoAccountAndDiscoveryDocumentsExist() {
        assertThat(client.get("/__sandbox/demo").status()).isEqualTo(404);
        assertThat(client.get("/__sandbox/ping").json().get("status").asText()).isEqualTo("ok");
        JsonNode config = client.get("/.well-known/fxa-client-configuration").json();
        assertThat(config.get("sync_tokenserver_base_url").asText()).isEqualTo(server.baseUrl());
        assertThat(client.get("/.well-known/openid-configuration").json().get("authorization_endpoint").asText())
                .isEqualTo(server.baseUrl() + "/authorization");
        Resp unknown = client.get("/v1/no/such/route");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("errno").asInt()).isEqualTo(999);
    }
}
