package io.fxhome.web.feeds;

import java.time.Instant;

/** One Atom entry: {@code link} only for a web address (never javascript:, data:, ...), which is then in the summary. */
public record FeedEntry(String id, String title, String link, Instant updated, String summary) {
}
