package io.fxhome.web.history;

import java.time.Instant;

/** A visited page, placed at its latest visit. */
public record HistoryEntry(String guid, String url, String title, Instant lastVisitAt, int visitCount, boolean linkable) {
}
