package io.fxhome.web.timeline;

import java.util.List;

/** A page of a device's timeline, newest first; {@code next} is the cursor of the next (older) page, or null. */
public record TimelinePage(String clientId, List<TimelineEntry> items, String next) {
}
