package io.fxhome.web.devices;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.tabtimeline.TabTimelineConfig;

/**
 * Whether a device is stale: its tabs have not changed for {@code fxhome.tab-timeline.stale-after} (14 days). A device
 * that never uploaded tabs is not called stale: nothing says it stopped.
 */
@ApplicationScoped
public class Staleness {
    private final TabTimelineConfig config;

    public Staleness(TabTimelineConfig config) {
        this.config = config;
    }

    public boolean stale(Instant tabsChangedAt, Instant now) {
        return tabsChangedAt != null && tabsChangedAt.plus(config.staleAfter()).isBefore(now);
    }

    /** When a device whose tabs changed at {@code tabsChangedAt} becomes stale. */
    public Instant staleFrom(Instant tabsChangedAt) {
        return tabsChangedAt.plus(config.staleAfter());
    }
}
