package io.fxhome.backoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which server a backoff belongs to, and which accounts it holds. */
class UpstreamServerTest {
    private static final Instant NOW = Instant.parse("2026-12-06T06:00:00Z");
    private static final String MOZILLA_NODE = "https://sync-1-us-west1-g.sync.services.mozilla.com";

    @Test
    void aStorageNodeIsTheApiEndpointWithoutItsUserPart() {
        assertThat(UpstreamServer.storageNodeOf(MOZILLA_NODE + "/1.5/123456789")).isEqualTo(MOZILLA_NODE);
        assertThat(UpstreamServer.storageNodeOf(MOZILLA_NODE + "/1.5/123456789/")).isEqualTo(MOZILLA_NODE);
        // Two nodes under one host (the sandbox's, a self-hosted syncstorage-rs behind a path) stay apart.
        assertThat(UpstreamServer.storageNodeOf("http://127.0.0.1:8090/node2/1.5/7")).isEqualTo("http://127.0.0.1:8090/node2");
        assertThat(UpstreamServer.storageNodeOf("http://127.0.0.1:8090/1.5/7")).isEqualTo("http://127.0.0.1:8090");
        // Anything else is its own node, whole.
        assertThat(UpstreamServer.storageNodeOf("https://example.com/storage")).isEqualTo("https://example.com/storage");
    }

    @Test
    void aNodesBackoffHoldsItsAccountsAndTheTokenserversHoldsEveryone() {
        ServerBackoffs nodeOnly = new ServerBackoffs(Map.of(MOZILLA_NODE, NOW.plusSeconds(60)), null);
        assertThat(nodeOnly.until(MOZILLA_NODE + "/1.5/1", NOW)).contains(NOW.plusSeconds(60));
        assertThat(nodeOnly.until("https://sync-2-us-west1-g.sync.services.mozilla.com/1.5/1", NOW)).isEmpty();
        assertThat(nodeOnly.until(null, NOW)).isEmpty();
        assertThat(nodeOnly.until(MOZILLA_NODE + "/1.5/1", NOW.plusSeconds(60))).as("ended").isEmpty();

        ServerBackoffs both = new ServerBackoffs(Map.of(MOZILLA_NODE, NOW.plusSeconds(60)), NOW.plusSeconds(30));
        assertThat(both.until(MOZILLA_NODE + "/1.5/1", NOW)).contains(NOW.plusSeconds(60));
        assertThat(both.until(null, NOW)).contains(NOW.plusSeconds(30));
        assertThat(both.until("https://other.example/1.5/1", NOW)).contains(NOW.plusSeconds(30));
        assertThat(both.until(MOZILLA_NODE + "/1.5/1", NOW.plusSeconds(45))).contains(NOW.plusSeconds(60));
    }
}
