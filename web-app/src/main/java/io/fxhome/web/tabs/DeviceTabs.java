package io.fxhome.web.tabs;

import java.time.Instant;
import java.util.List;

/** One device's open tabs, most recently used first; {@code updatedAt} is when the device last uploaded them. */
public record DeviceTabs(String clientId, String name, String type, Instant updatedAt, List<TabView> tabs) {
}
