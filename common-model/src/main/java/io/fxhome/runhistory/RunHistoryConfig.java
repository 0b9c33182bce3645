package io.fxhome.runhistory;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much of the run history ({@code sync_run}, {@code sync_skipped_record}) is kept. The worker caps the skipped
 * records it stores per run; the scheduler sweeps old runs away (docs/operations.md, "Run history").
 */
@ConfigMapping(prefix = "fxhome.run-history")
public interface RunHistoryConfig {
    /** {@code fxhome.run-history.keep-for}: runs younger than this are kept. */
    @WithDefault("30d")
    Duration keepFor();

    /**
     * {@code fxhome.run-history.keep-runs}: the latest this many runs of each account are kept however old they are, so
     * that a dormant account still shows its last syncs.
     */
    @WithDefault("20")
    int keepRuns();

    /**
     * {@code fxhome.run-history.skipped-per-run}: skipped records stored per run (the first ones); every skipped record
     * is still counted in {@code sync_run.records_skipped} and in the worker's metrics.
     */
    @WithDefault("100")
    int skippedPerRun();

    /**
     * {@code fxhome.run-history.sweep-interval}: how often the scheduler removes runs beyond the two limits above, one
     * instance at a time across the fleet (a clustered Quartz job); {@code off} disables the sweep.
     */
    @WithDefault("1h")
    String sweepInterval();

    /** {@code fxhome.run-history.sweep-accounts}: accounts a sweep looks at per transaction. */
    @WithDefault("500")
    int sweepAccounts();

    /**
     * {@code fxhome.run-history.sweep-rows}: at most this many runs deleted per transaction (with their skipped
     * records), so that the first sweep of a long history never holds one huge transaction.
     */
    @WithDefault("5000")
    int sweepRows();
}
