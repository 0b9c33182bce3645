package io.fxhome.scheduler.tabtimeline;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.Shard;
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
    private final Shards shards;
    private final TabTimelineConfig config;
    private final Clock clock;
    private final TabSnapshotSweep sweep;
    private final Counter deleted;
    private final AtomicBoolean running = new AtomicBoolean();

    public TabSnapshotRetention(Shards shards, TabTimelineConfig config, Clock clock, MeterRegistry registry) {
        this.shards = shards;
        this.config = config;
        this.clock = clock;
        this.sweep = new TabSnapshotSweep(config.sweepAccounts(), config.sweepRows());
        this.deleted = Counter.builder("fxhome.scheduler.tab-timeline.deleted")
                .description("Old tab snapshots removed by the tab-timeline sweep").register(registry);
    }

    /** Sweeps every shard now, unless this instance is already sweeping (then an empty map). */
    public Map<String, TabSnapshotSweep.Result> runOnce() {
        Map<String, TabSnapshotSweep.Result> results = new LinkedHashMap<>();
        if (!running.compareAndSet(false, true)) {
            return results;
        }
        try {
            Instant cutoff = clock.instant().minus(config.keepFor());
            for (Shard shard : shards.all()) {
                try {
                    TabSnapshotSweep.Result r = sweep.sweep(shard.dataSource(), cutoff);
                    deleted.increment(r.deleted());
                    results.put(shard.name(), r);
                    if (r.deleted() > 0) {
                        Log.infof("tab timeline of shard %s: %d snapshots before %s removed (%d transactions)", shard.name(),
                                r.deleted(), cutoff, r.transactions());
                    }
                } catch (SQLException | RuntimeException e) {
                    Log.warnf("tab timeline of shard %s not swept: %s", shard.name(), e.getMessage());
                }
            }
            return results;
        } finally {
            running.set(false);
        }
    }
}
