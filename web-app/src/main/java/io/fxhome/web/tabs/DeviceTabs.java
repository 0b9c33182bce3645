package io.fxhome.web.tabs;

import java.time.Instant;
import java.util.List;

/**
 * One device's open tabs, most recently used first; {@code updatedAt} is when the device last uploaded them,
 * {@code tabsChangedAt} when they last changed (its latest tab-timeline snapshot), and {@code stale} says they have not
 * changed for {@code fxhome.tab-timeline.stale-after}.
 */
public record DeviceTabs(String clientId, String name, String type, Instant updatedAt, List<TabView> tabs,
        Instant tabsChangedAt, boolean stale) {
}
