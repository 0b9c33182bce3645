package io.fxhome.web.timeline;

import java.time.Instant;
import java.util.List;

import io.fxhome.web.tabs.TabView;

/**
 * The tabs a device had open from {@code takenAt} until {@code until} (null: still open now), in the device's order,
 * most recently used first.
 */
public record TabSnapshot(String clientId, String deviceName, Instant takenAt, Instant until, List<TabView> tabs) {
}
