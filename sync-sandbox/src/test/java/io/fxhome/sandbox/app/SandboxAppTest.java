package io.fxhome.sandbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fxhome.sandbox.testsupport.SyncTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

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

    @Test
    void healthAndMetricsComeFromQuarkus() {
        SyncTestClient client = new SyncTestClient("http://127.0.0.1:" + port);
        SyncTestClient.Resp ready = client.get("/q/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("UP");
        assertThat(client.get("/q/metrics").status()).isEqualTo(200);
    }
}
