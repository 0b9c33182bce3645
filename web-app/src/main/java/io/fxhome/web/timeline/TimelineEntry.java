package io.fxhome.web.timeline;

import java.time.Instant;

/** One change of a device's tabs: from {@code takenAt} the device had {@code tabCount} tabs open. */
public record TimelineEntry(Instant takenAt, int tabCount, String deviceName) {
}
