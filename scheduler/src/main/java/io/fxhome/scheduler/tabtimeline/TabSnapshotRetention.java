package io.fxhome.scheduler.tabtimeline;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.scheduler.sweep.EveryShard;
import io.fxhome.shard.Shards;
import io.fxhome.tabtimeline.TabTimelineConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * Keeps the tab timeline bounded on every shard ({@code fxhome.tab-timeline.keep-for}, 90 days by default): older
 * snapshots go, except each device's latest. Run by the clustered {@link TabSnapshotRetentionJob}, one scheduler
 * instance at a time, never by a worker.
 */
@ApplicationScoped
public class TabSnapshotRetention {
    private final TabTimelineConfig config;
    private final Clock clock;
    private final TabSnapshotSweep sweep;
    private final EveryShard everyShard;
    private final Counter deleted;

    public TabSnapshotRetention(Shards shards, TabTimelineConfig config, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.clock = clock;
        this.sweep = new TabSnapshotSweep(config.sweepAccounts(), config.sweepRows());
        this.everyShard = new EveryShard(shards, "tab timeline");
        this.deleted = Counter.builder("fxhome.scheduler.tab-timeline.deleted")
                .description("Old tab snapshots removed by the tab-timeline sweep").register(registry);
    }

    /** Sweeps every shard now, unless this instance is already sweeping (then an empty map). */
    public Map<String, TabSnapshotSweep.Result> runOnce() {
        Instant cutoff = clock.instant().minus(config.keepFor());
        return everyShard.sweep(database -> sweep.sweep(database, cutoff), (shard, r) -> {
            deleted.increment(r.deleted());
            if (r.deleted() > 0) {
                Log.infof("tab timeline of shard %s: %d snapshots before %s removed (%d transactions)", shard, r.deleted(),
                        cutoff, r.transactions());
            }
        });
    }
}
