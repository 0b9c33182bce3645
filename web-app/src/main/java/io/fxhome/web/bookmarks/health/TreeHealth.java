package io.fxhome.web.bookmarks.health;

import java.util.List;
import java.util.Map;

/** What {@link TreeCheck} found: each list sorted by its key (a guid, or the URL for duplicates). */
public record TreeHealth(Map<HealthList, List<HealthEntry>> lists) {
    public List<HealthEntry> list(HealthList which) {
        return lists.getOrDefault(which, List.of());
    }

    /** The sort and paging key of an entry of a list. */
    public static String key(HealthList which, HealthEntry e) {
        return which == HealthList.DUPLICATE_URLS ? e.url() : e.guid();
    }
}
