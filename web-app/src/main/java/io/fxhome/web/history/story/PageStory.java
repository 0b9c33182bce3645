package io.fxhome.web.history.story;

import java.time.Instant;
import java.util.List;

import io.fxhome.web.history.visits.VisitPage;

/**
 * Everything fxhome holds about one URL: the devices that have it open, the folders that hold it, its keyword and
 * tags, its visits over time (per month, and each visit newest first, paged), and its frecency (Firefox's score as
 * the day it decays to 1, docs/search.md; 0 when never visited).
 */
public record PageStory(String url, String title, boolean linkable, String host, long visitCount, Instant firstVisitAt,
        Instant lastVisitAt, int frecency, List<OpenTab> openOn, List<HoldingFolder> bookmarks, List<MonthVisits> visitsByMonth,
        VisitPage visits) {
}
