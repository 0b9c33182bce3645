package io.fxhome.web.bookmarks;

import java.util.List;
import java.util.Map;

/** The four synced roots, in the order Firefox's library shows them, with their display names. */
public final class BookmarkRoots {
    public static final List<String> ORDER = List.of("toolbar", "menu", "unfiled", "mobile");
    private static final Map<String, String> TITLES = Map.of("toolbar", "Bookmarks Toolbar", "menu", "Bookmarks Menu",
            "unfiled", "Other Bookmarks", "mobile", "Mobile Bookmarks");

    private BookmarkRoots() {
    }

    public static boolean isRoot(String guid) {
        return TITLES.containsKey(guid);
    }

    /** The display title of a root; other folders keep their own. */
    public static String title(String guid, String title) {
        return TITLES.getOrDefault(guid, title);
    }
}
