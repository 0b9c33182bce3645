package io.fxhome.web.history.story;

import java.time.Instant;
import java.util.List;

import io.fxhome.web.bookmarks.Crumb;

/**
 * A bookmark of the page: its folder's path from the root down ({@code path} is empty when its parent is not in the
 * mirror), its keyword and tags.
 */
public record HoldingFolder(String bookmarkGuid, String title, List<Crumb> path, String keyword, List<String> tags,
        Instant dateAdded) {
}
