package io.fxhome.web.bookmarks;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A bookmark, folder, separator or query. {@code childCount} is set for folders; {@code linkable} is false for URLs
 * shown as text; {@code keyword} is the bookmark's address-bar keyword, if it has one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BookmarkItem(String guid, String kind, String title, String url, List<String> tags, Instant dateAdded,
        Integer childCount, Boolean linkable, String keyword) {
}
