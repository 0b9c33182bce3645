package io.fxhome.web.search;

import java.time.Instant;

/**
 * One hit. {@code source} is where the URL was found first by preference: {@code tab} (open on a device), then
 * {@code bookmark}, then {@code history}.
 */
public record SearchResult(String url, String title, String source, Instant lastVisitAt, int visitCount, boolean linkable) {
}
