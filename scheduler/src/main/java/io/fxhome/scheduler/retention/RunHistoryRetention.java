package io.fxhome.scheduler.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.runhistory.RunHistoryConfig;
import io.fxhome.scheduler.sweep.EveryShard;
import io.fxhome.shard.Shards;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * Keeps the run history bounded on every shard ({@code fxhome.run-history.*}): runs older than {@code keep-for}
 * go, except each account's latest {@code keep-runs}. Run by the clustered {@link RunHistoryRetentionJob}, so one
 * scheduler instance at a time sweeps, never a worker (there are many, and they are busy syncing).
 */
@ApplicationScoped
public class RunHistoryRetention {
    private final RunHistoryConfig config;
    private final Clock clock;
    private final RunHistorySweep sweep;
    private final EveryShard everyShard;
    private final Counter runsDeleted;
    private final Counter skippedDeleted;

    public RunHistoryRetention(Shards shards, RunHistoryConfig config, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.clock = clock;
        this.sweep = new RunHistorySweep(config.keepRuns(), config.sweepAccounts(), config.sweepRows());
        this.everyShard = new EveryShard(shards, "run history");
        this.runsDeleted = Counter.builder("fxhome.scheduler.run-history.deleted").tag("table", "sync_run")
                .description("Old sync runs removed by the run-history sweep").register(registry);
        this.skippedDeleted = Counter.builder("fxhome.scheduler.run-history.deleted").tag("table", "sync_skipped_record")
                .description("Skipped records of old sync runs removed by the run-history sweep").register(registry);
    }

    /**
     * Sweeps every shard now, unless this instance is already sweeping (then an empty map). A shard that fails is
     * logged and the next one is swept; the next sweep tries it again.
     */
    public Map<String, RunHistorySweep.Result> runOnce() {
        Instant cutoff = clock.instant().minus(config.keepFor());
        return everyShard.sweep(database -> sweep.sweep(database, cutoff), (shard, r) -> {
            runsDeleted.increment(r.runsDeleted());
            skippedDeleted.increment(r.skippedDeleted());
            if (r.runsDeleted() > 0) {
                Log.infof("run history of shard %s: %d runs and %d skipped records before %s removed (%d transactions)",
                        shard, r.runsDeleted(), r.skippedDeleted(), cutoff, r.transactions());
            }
        });
    }
}
