package io.fxhome.web.history;

import java.util.List;

/** One page of history, newest first; {@code next} is the cursor of the following page, null at the end. */
public record HistoryPage(List<HistoryEntry> items, String next) {
}
