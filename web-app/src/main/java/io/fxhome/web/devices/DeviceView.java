package io.fxhome.web.devices;

import java.time.Instant;

/**
 * A device from the clients collection.
 *
 * @param lastModified when the device last uploaded its clients record
 * @param tabsUpdatedAt when it last uploaded its tabs (null if it has no tabs record)
 * @param tabsChangedAt when its tabs last changed (its latest tab-timeline snapshot; null if none)
 * @param stale its tabs have not changed for {@code fxhome.tab-timeline.stale-after}
 */
public record DeviceView(String clientId, String name, String type, String os, String application, String version,
        String formFactor, Instant lastModified, Instant tabsUpdatedAt, int tabCount, Instant tabsChangedAt,
        boolean stale) {
}
