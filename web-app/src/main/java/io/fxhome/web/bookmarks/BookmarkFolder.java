package io.fxhome.web.bookmarks;

import java.util.List;

/** A folder (or a single item, then without children) with its breadcrumb from the root. */
public record BookmarkFolder(BookmarkItem item, String parentGuid, List<Crumb> breadcrumb, List<BookmarkItem> children) {
}
