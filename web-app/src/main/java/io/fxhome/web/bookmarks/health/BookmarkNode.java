package io.fxhome.web.bookmarks.health;

import java.time.Instant;
import java.util.List;

/**
 * One row of the bookmark mirror, as the tree check and the exports read it: its parent by {@code parentGuid}, and the
 * children its record lists (folders only; null when the record lists none).
 */
public record BookmarkNode(String guid, String parentGuid, Integer position, String kind, String title, String url,
        List<String> tags, String keyword, String description, Instant dateAdded, Instant lastModified,
        List<String> children) {

    public boolean isFolder() {
        return "folder".equals(kind) || "livemark".equals(kind);
    }
}
