package io.fxhome.sync.records;

import java.util.Map;
import java.util.Set;

/** The well-known bookmark roots: server ids versus Firefox's local GUIDs, and ids desktop treats as junk (§7.1). */
public final class BookmarkRoots {
    private static final Map<String, String> SERVER_TO_LOCAL = Map.of(
            "places", "root________",
            "menu", "menu________",
            "toolbar", "toolbar_____",
            "unfiled", "unfiled_____",
            "mobile", "mobile______");
    private static final Set<String> FORBIDDEN_IDS = Set.of("pinned", "places", "readinglist");
    private static final Set<String> FORBIDDEN_PARENT_IDS = Set.of("pinned", "readinglist");

    private BookmarkRoots() {
    }

    /** True for {@code places}, {@code menu}, {@code toolbar}, {@code unfiled}, {@code mobile}. */
    public static boolean isRoot(String serverId) {
        return SERVER_TO_LOCAL.containsKey(serverId);
    }

    /** Firefox's local GUID for a root (e.g. {@code menu} → {@code menu________}); other ids unchanged. */
    public static String localGuid(String serverId) {
        return SERVER_TO_LOCAL.getOrDefault(serverId, serverId);
    }

    /** Records desktop Firefox deletes as junk: ids pinned/places/readinglist, or parents pinned/readinglist. */
    public static boolean isJunk(String id, String parentId) {
        return FORBIDDEN_IDS.contains(id) || (parentId != null && FORBIDDEN_PARENT_IDS.contains(parentId));
    }
}
