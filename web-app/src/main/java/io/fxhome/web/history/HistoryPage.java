package io.fxhome.web.history;

import java.util.List;

/** One page of history, newest first; {@code next} is the cursor of the following page, null at the end. */
public record HistoryPage(List<HistoryEntry> items, String next) {
    /**
     * The first {@code limit} of {@code read} (a query asked for one more than a page, so that a next page shows
     * itself), with the cursor after the last of them if more were read.
     */
    public static HistoryPage of(List<HistoryEntry> read, int limit) {
        if (read.size() <= limit) {
            return new HistoryPage(read, null);
        }
        List<HistoryEntry> page = List.copyOf(read.subList(0, limit));
        HistoryEntry last = page.get(limit - 1);
        return new HistoryPage(page, new HistoryCursor(last.lastVisitAt(), last.guid()).encode());
    }
}
