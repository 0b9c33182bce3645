package io.fxhome.worker.bookmarks;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A bookmark item as stored: {@code kind} is bookmark, folder, separator, query or livemark; {@code children} is the
 * folder's ordered child ids (null for non-folders).
 */
public record BookmarkRow(String guid, String parentGuid, String kind, String title, String url, List<String> tags,
        String keyword, String description, Instant dateAdded, BigDecimal serverModified, List<String> children) {
}
