package io.fxhome.sandbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.testsupport.SyncTestClient;
import io.fxhome.sandbox.testsupport.TestJwe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The Quarkus app: routes mounted next to /q/health and /q/metrics, config mapping, demo account. */
@QuarkusTest
@TestProfile(SandboxAppTest.Demo.class)
class SandboxAppTest {

    /** Demo account on, cheap scrypt so start-up stays quick. */
    public static class Demo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fxhome.sandbox.demo-account", "true", "fxhome.sandbox.scrypt-n", "1024",
                    "fxhome.sandbox.token-duration", "600");
        }
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void demoAccountSignsInAndSyncs() throws Exception {
        SyncTestClient client = new SyncTestClient("http://127.0.0.1:" + port);
        JsonNode demo = client.get("/__sandbox/demo").json();
        String email = demo.get("email").asText();
        String password = demo.get("password").asText();
        assertThat(email).isEqualTo("demo@fxhome.example");

        SyncTestClient.Linked linked = client.link(email, password);
        SyncTestClient.SyncToken token = client.token(linked);
        assertThat(token.duration()).isEqualTo(600);
        assertThat(token.apiEndpoint()).startsWith("http://127.0.0.1:" + port + "/1.5/");
        JsonNode collections = client.storage(token, "GET", "/info/collections").json();
        assertThat(collections.fieldNames()).toIterable().contains("meta", "crypto", "bookmarks", "history", "tabs",
                "clients");
        JsonNode counts = client.storage(token, "GET", "/info/collection_counts").json();
        assertThat(counts.get("history").asInt()).isGreaterThan(4_000);
    }

    /**
     * The demo sign-in a user clicks through: the iOS client's authorization request, the form, then the success page
     * whose address carries code and state (what fxhome's web app asks the user to paste back).
     */
    @Test
    void demoAccountSignsInThroughTheAuthorizationPageToTheIosSuccessPage() throws Exception {
        String base = "http://127.0.0.1:" + port;
        SyncTestClient client = new SyncTestClient(base);
        JsonNode demo = client.get("/__sandbox/demo").json();
        String verifier = "demo-verifier-0123456789-0123456789-0123456789";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes()));
        TestJwe jwe = new TestJwe();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", "1b1a3e44c54fbb58");
        params.put("scope", "profile " + SyncTestClient.OLDSYNC);
        params.put("state", "demo-state");
        params.put("response_type", "code");
        params.put("action", "email");
        params.put("access_type", "offline");
        params.put("code_challenge_method", "S256");
        params.put("code_challenge", challenge);
        params.put("keys_jwk", jwe.keysJwk());
        String query = form(params);
        SyncTestClient.Resp page = client.get("/authorization?" + query + "&login_hint="
                + URLEncoder.encode(demo.get("email").asText(), StandardCharsets.UTF_8));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"" + demo.get("email").asText() + "\"");

        Map<String, String> fields = new LinkedHashMap<>(params);
        fields.put("email", demo.get("email").asText());
        fields.put("password", demo.get("password").asText());
        SyncTestClient.Resp submitted = client.send("POST", base + "/authorization", Map.of("Content-Type",
                "application/x-www-form-urlencoded"), form(fields));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(302);
        String location = submitted.header("Location");
        assertThat(location).startsWith(base + "/oauth/success/1b1a3e44c54fbb58?code=").endsWith("&state=demo-state");
        assertThat(client.send("GET", location, Map.of(), null).body()).contains("Device connected");

        String code = URI.create(location).getQuery().split("&")[0].substring("code=".length());
        SyncTestClient.Resp tokens = client.postJson("/v1/oauth/token", "{\"client_id\":\"1b1a3e44c54fbb58\","
                + "\"grant_type\":\"authorization_code\",\"code\":\"" + code + "\",\"code_verifier\":\"" + verifier
                + "\"}");
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        JsonNode keys = SyncTestClient.parse(jwe.decrypt(tokens.json().get("keys_jwe").asText()));
        String kid = keys.get(SyncTestClient.OLDSYNC).get("kid").asText();
        assertThat(client.tokenRaw(tokens.json().get("access_token").asText(), kid, null).status()).isEqualTo(200);
    }

    private static String form(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(k).append('=').append(
                URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    @Test
    void healthAndMetricsComeFromQuarkus() {
        SyncTestClient client = new SyncTestClient("http://127.0.0.1:" + port);
        SyncTestClient.Resp ready = client.get("/q/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("UP");
        assertThat(client.get("/q/metrics").status()).isEqualTo(200);
    }
}
