package io.fxhome.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The concurrency formula at its edges, and the settings that feed it as the worker reads them at start. */
class WorkerConcurrencyTest {
    private static final long MIB = 1L << 20;
    private static final long RESERVE = 128 * MIB;
    private static final long PER_ACCOUNT = 48 * MIB;

    private static WorkerConcurrency derived(long heap) {
        return WorkerConcurrency.of(heap, RESERVE, PER_ACCOUNT, 0);
    }

    @Test
    void aHeapSmallerThanTheReserveStillGivesEachLaneOneSlot() {
        assertThat(derived(64 * MIB)).isEqualTo(new WorkerConcurrency(2, 1, 1));
        assertThat(derived(1)).isEqualTo(new WorkerConcurrency(2, 1, 1));
    }

    @Test
    void aHeapJustUnderOrOverOneOrTwoAccountsGivesTheFloorOfTwo() {
        assertThat(derived(RESERVE + PER_ACCOUNT - 1)).isEqualTo(new WorkerConcurrency(2, 1, 1));
        assertThat(derived(RESERVE + PER_ACCOUNT)).isEqualTo(new WorkerConcurrency(2, 1, 1));
        assertThat(derived(RESERVE + PER_ACCOUNT + 1)).isEqualTo(new WorkerConcurrency(2, 1, 1));
        assertThat(derived(RESERVE + 2 * PER_ACCOUNT - 1)).isEqualTo(new WorkerConcurrency(2, 1, 1));
        assertThat(derived(RESERVE + 2 * PER_ACCOUNT)).isEqualTo(new WorkerConcurrency(2, 1, 1));
        // One byte short of three budgets is still two; three budgets give a second scheduled slot.
        assertThat(derived(RESERVE + 3 * PER_ACCOUNT - 1)).isEqualTo(new WorkerConcurrency(2, 1, 1));
        assertThat(derived(RESERVE + 3 * PER_ACCOUNT)).isEqualTo(new WorkerConcurrency(3, 1, 2));
    }

    @Test
    void theHeapOfTheDocumentedPodSizesGivesTheDocumentedSlots() {
        // docs/operations.md, "Sizing the worker": a 1 GiB pod's heap of 742 MiB syncs 12 accounts, 3 interactive.
        assertThat(derived(742 * MIB)).isEqualTo(new WorkerConcurrency(12, 3, 9));
        assertThat(derived(RESERVE + 8 * PER_ACCOUNT)).isEqualTo(new WorkerConcurrency(8, 2, 6));
    }

    @Test
    void aHugeHeapIsCappedAt256() {
        WorkerConcurrency terabyte = derived(1L << 40);
        assertThat(terabyte).isEqualTo(new WorkerConcurrency(256, 64, 192));
        assertThat(derived(Long.MAX_VALUE)).isEqualTo(terabyte);
        assertThat(derived(RESERVE + 256 * PER_ACCOUNT)).isEqualTo(terabyte);
        assertThat(derived(RESERVE + 255 * PER_ACCOUNT)).isEqualTo(new WorkerConcurrency(255, 63, 192));
    }

    @Test
    void theInteractiveLaneHasAQuarterAndNeverTakesTheScheduledLanesLastSlot() {
        for (int n = 1; n <= 1000; n++) {
            WorkerConcurrency c = WorkerConcurrency.of(1L << 30, RESERVE, PER_ACCOUNT, n);
            assertThat(c.interactive()).as("interactive of %d", n).isEqualTo(Math.max(1, n / 4));
            assertThat(c.scheduled()).as("scheduled of %d", n).isGreaterThanOrEqualTo(c.interactive());
            assertThat(c.interactive() + c.scheduled()).as("lanes of %d", n).isEqualTo(c.total());
            assertThat(c.total()).as("total of %d", n).isEqualTo(Math.max(2, n));
        }
    }

    @Test
    void anOperatorsFixedTotalWinsOverTheHeapAndIsNotCapped() {
        assertThat(WorkerConcurrency.of(64 * MIB, RESERVE, PER_ACCOUNT, 10)).isEqualTo(new WorkerConcurrency(10, 2, 8));
        assertThat(WorkerConcurrency.of(64 * MIB, RESERVE, PER_ACCOUNT, 1000))
                .isEqualTo(new WorkerConcurrency(1000, 250, 750));
        assertThat(WorkerConcurrency.of(1L << 40, RESERVE, PER_ACCOUNT, 4)).isEqualTo(new WorkerConcurrency(4, 1, 3));
        // One slot cannot serve two lanes: a total of 1 becomes one per lane.
        assertThat(WorkerConcurrency.of(1L << 40, RESERVE, PER_ACCOUNT, 1)).isEqualTo(new WorkerConcurrency(2, 1, 1));
    }

    @Test
    void settingsThatCannotSizeAnythingAreRefusedByName() {
        assertThatThrownBy(() -> WorkerConcurrency.of(1L << 30, RESERVE, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fxhome.worker.memory-per-account");
        assertThatThrownBy(() -> WorkerConcurrency.of(1L << 30, RESERVE, -PER_ACCOUNT, 0))
                .hasMessageContaining("fxhome.worker.memory-per-account");
        assertThatThrownBy(() -> WorkerConcurrency.of(1L << 30, -1, PER_ACCOUNT, 0))
                .hasMessageContaining("fxhome.worker.memory-reserve");
        assertThatThrownBy(() -> WorkerConcurrency.of(1L << 30, RESERVE, PER_ACCOUNT, -3))
                .hasMessageContaining("fxhome.worker.concurrency");
        assertThatThrownBy(() -> WorkerConcurrency.of(0, RESERVE, PER_ACCOUNT, 0)).hasMessageContaining("max heap");
    }

    @Test
    void sizesAreReadAsOperatorsWriteThemAndNonsenseIsRefused() {
        assertThat(MemorySize.parse("48M", "p")).isEqualTo(48 * MIB);
        assertThat(MemorySize.parse(" 1g ", "p")).isEqualTo(1L << 30);
        assertThat(MemorySize.parse("512kB", "p")).isEqualTo(512L << 10);
        assertThat(MemorySize.parse("1000", "p")).isEqualTo(1000);
        assertThatThrownBy(() -> MemorySize.parse("lots", "fxhome.worker.memory-reserve"))
                .hasMessageContaining("fxhome.worker.memory-reserve").hasMessageContaining("'lots'");
        assertThatThrownBy(() -> MemorySize.parse("99999999999999G", "fxhome.worker.memory-per-account"))
                .hasMessageContaining("fxhome.worker.memory-per-account");
    }

    @Test
    void theWorkerReadsAFixedTotalIntoBothLanesAndThePool() {
        SmallRyeConfig config = configWith(Map.of("fxhome.worker.concurrency", "6"));
        assertThat(config.getValue("fxhome.worker.effective-concurrency", Integer.class)).isEqualTo(6);
        assertThat(config.getValue("mp.messaging.incoming.sync-interactive.max-outstanding-messages", Integer.class))
                .isEqualTo(1);
        assertThat(config.getValue("mp.messaging.incoming.sync-scheduled.max-outstanding-messages", Integer.class))
                .isEqualTo(5);
        assertThat(config.getValue("smallrye.messaging.worker.sync-pool.max-concurrency", Integer.class)).isEqualTo(6);
    }

    @Test
    void theWorkerRefusesToStartWithSettingsThatCannotSizeAnything() {
        for (Map<String, String> bad : List.of(Map.of("fxhome.worker.concurrency", "0"),
                Map.of("fxhome.worker.concurrency", "many"), Map.of("fxhome.worker.memory-per-account", "0"),
                Map.of("fxhome.worker.memory-reserve", "-5M"), Map.of("fxhome.worker.memory-per-account", "lots"))) {
            String key = bad.keySet().iterator().next();
            assertThatThrownBy(() -> configWith(bad)).as(bad.toString()).hasStackTraceContaining(key);
        }
    }

    private static SmallRyeConfig configWith(Map<String, String> settings) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(settings, "test", 400))
                .withSources(new WorkerConcurrencyConfigSourceFactory()).build();
    }
}
