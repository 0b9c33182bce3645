package io.fxhome.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SyncTopologyTest {

    @Test
    void standardTopologyUsesTheSharedNames() {
        SyncTopology topology = SyncTopology.standard();
        assertThat(topology.exchange()).isEqualTo(SyncQueues.EXCHANGE);
        assertThat(topology.interactiveQueue()).isEqualTo(SyncQueues.INTERACTIVE);
        assertThat(topology.scheduledQueue()).isEqualTo(SyncQueues.SCHEDULED);
        assertThat(topology.retryExchange()).isEqualTo(SyncQueues.RETRY_EXCHANGE);
        assertThat(topology.deadExchange()).isEqualTo(SyncQueues.DEAD_EXCHANGE);
        assertThat(topology.deadQueue()).isEqualTo(SyncQueues.DEAD);
        assertThat(topology.retryTiers()).extracting(RetryTier::queue).containsExactly(
                "fxhome.sync.retry.30s", "fxhome.sync.retry.2m", "fxhome.sync.retry.10m", "fxhome.sync.retry.1h",
                "fxhome.sync.retry.6h");
    }

    @Test
    void jobsGoToTheLaneTheirReasonSays() {
        SyncTopology topology = SyncTopology.of("t.sync", List.of(Duration.ofSeconds(1)));
        assertThat(topology.laneFor(SyncReason.SCHEDULED)).isEqualTo("t.sync.scheduled");
        assertThat(topology.laneFor(SyncReason.INTERACTIVE)).isEqualTo("t.sync.interactive");
        assertThat(topology.laneFor(SyncReason.FIRST_LINK)).isEqualTo("t.sync.interactive");
        // With the standard names the lane is exactly what the job itself says.
        for (SyncReason reason : SyncReason.values()) {
            SyncJob job = SyncJob.of(UUID.randomUUID(), reason, Instant.EPOCH);
            assertThat(SyncTopology.standard().laneFor(job)).isEqualTo(job.queue());
        }
    }

    @Test
    void retryAttemptsWalkUpTheTiersAndStayOnTheLongest() {
        SyncTopology topology = SyncTopology.standard();
        assertThat(topology.retryTierFor(1).delay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(topology.retryTierFor(2).delay()).isEqualTo(Duration.ofMinutes(2));
        assertThat(topology.retryTierFor(3).delay()).isEqualTo(Duration.ofMinutes(10));
        assertThat(topology.retryTierFor(4).delay()).isEqualTo(Duration.ofHours(1));
        assertThat(topology.retryTierFor(5).delay()).isEqualTo(Duration.ofHours(6));
        assertThat(topology.retryTierFor(50).delay()).isEqualTo(Duration.ofHours(6));
        assertThat(topology.retryQueueFor(1)).isEqualTo("fxhome.sync.retry.30s");
        assertThatThrownBy(() -> topology.retryTierFor(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(topology.retryTierNamed("2m")).contains(topology.retryTierFor(2));
        assertThat(topology.retryTierNamed("3m")).isEmpty();
    }

    @Test
    void tierNamesUseTheLargestWholeUnit() {
        assertThat(RetryTier.nameOf(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(RetryTier.nameOf(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(RetryTier.nameOf(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(RetryTier.nameOf(Duration.ofHours(24))).isEqualTo("24h");
    }

    @Test
    void retryDelaysMustGrow() {
        assertThatThrownBy(() -> SyncTopology.of("t", List.of(Duration.ofMinutes(2), Duration.ofSeconds(30))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyncTopology.of("t", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyncTopology.of("t", List.of(Duration.ZERO))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsEveryQueueAndExchangeForCleanup() {
        SyncTopology topology = SyncTopology.of("t.sync", List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)));
        assertThat(topology.queueNames()).containsExactlyInAnyOrder("t.sync.interactive", "t.sync.scheduled", "t.sync.dead",
                "t.sync.retry.1s", "t.sync.retry.2s");
        assertThat(topology.exchangeNames()).containsExactlyInAnyOrder("t.sync", "t.sync.retry", "t.sync.dead");
    }

    @Test
    void connectionSettingsNeverPrintThePassword() {
        var settings = new RabbitConnectionSettings("broker", 5672, "fx", "s3cret-pass", "/");
        assertThat(settings.toString()).doesNotContain("s3cret-pass").contains("fx@broker:5672");
    }
}
