package io.fxhome.tabtimeline;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The tab timeline ({@code tab_snapshot}, V15): the worker keeps a snapshot of a device's tabs whenever they change,
 * the scheduler sweeps old ones away, the web app shows them and marks devices whose tabs stopped changing as stale
 * (docs/sync-worker.md, "The tab timeline").
 */
@ConfigMapping(prefix = "fxhome.tab-timeline")
public interface TabTimelineConfig {
    /** {@code fxhome.tab-timeline.keep-for}: snapshots younger than this are kept; each device's latest always is. */
    @WithDefault("90d")
    Duration keepFor();

    /**
     * {@code fxhome.tab-timeline.stale-after}: a device whose tabs have not changed for this long is shown as stale
     * (probably no longer used, or no longer syncing) wherever devices are shown.
     */
    @WithDefault("14d")
    Duration staleAfter();

    /**
     * {@code fxhome.tab-timeline.sweep-interval}: how often the scheduler removes snapshots older than {@code keep-for},
     * one instance at a time across the fleet (a clustered Quartz job); {@code off} disables the sweep.
     */
    @WithDefault("1h")
    String sweepInterval();

    /** {@code fxhome.tab-timeline.sweep-accounts}: accounts a sweep looks at per transaction. */
    @WithDefault("500")
    int sweepAccounts();

    /** {@code fxhome.tab-timeline.sweep-rows}: at most this many snapshots deleted per transaction. */
    @WithDefault("5000")
    int sweepRows();
}
