package io.fxhome.web.export;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/export/bookmarks.json}: the roots (menu, toolbar, unfiled, mobile) with every descendant, and the
 * items no root reaches ("Lost and found").
 */
public record BookmarksExport(Instant exportedAt, List<ExportedBookmark> roots, List<ExportedBookmark> lostAndFound) {
}
