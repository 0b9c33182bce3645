package io.fxhome.web.bookmarks.health;

import java.util.List;

/** A page of one list of the health report; {@code next} is the cursor of the next page, or null. */
public record HealthPage(String list, String title, int total, List<HealthEntry> items, String next) {
}
