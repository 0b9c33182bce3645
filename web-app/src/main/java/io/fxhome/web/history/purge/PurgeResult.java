package io.fxhome.web.history.purge;

/** What a purge removed from fxhome's copy, and the reminder that nothing else was touched. */
public record PurgeResult(long visitsDeleted, long pagesDeleted, String note) {
    public static final String NOTE = "Deleted from fxhome's copy only. Firefox and Mozilla's Sync servers keep their own history;"
            + " a page visited again brings back the visits its Sync record still lists (its latest 20).";

    PurgeResult(long visitsDeleted, long pagesDeleted) {
        this(visitsDeleted, pagesDeleted, NOTE);
    }
}
