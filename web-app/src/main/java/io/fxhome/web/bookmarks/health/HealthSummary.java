package io.fxhome.web.bookmarks.health;

import java.util.List;

/** The health report at a glance: each list with how many entries it has. */
public record HealthSummary(int bookmarks, List<Count> lists) {
    /** One list of the report. */
    public record Count(String list, String title, int count) {
    }
}
