package io.fxhome.web.search;

import java.time.Instant;

/**
 * One hit. {@code source} says what it is, by preference when a URL is found in several places: {@code tab} (open on
 * {@code device}), then {@code inbox} (sent to fxhome by another Firefox: {@code device} is the sender's name), then
 * {@code bookmark}, then {@code history}. {@code heuristic} marks the first result when the
 * query itself chose it: {@code keyword} (a bookmark's keyword) or {@code autofill} (the query is the start of this
 * URL; {@code autofill} is then the completed text, e.g. {@code github.com/}). {@code lastVisitAt}, {@code visitCount}:
 * the URL's history, when it has any (for a tab never visited, its last use).
 */
public record SearchResult(String url, String title, String source, Instant lastVisitAt, int visitCount, boolean linkable,
        String device, String heuristic, String autofill) {
}
