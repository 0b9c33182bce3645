package io.fxhome.web.export;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fxhome.web.export.ExportOrder.Exported;
import io.fxhome.web.http.Links;

/** One folder, bookmark, separator or query of the JSON export, with its children (folders). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportedBookmark(String guid, String kind, String title, String url, Boolean linkable, String keyword,
        List<String> tags, String description, Instant dateAdded, Instant lastModified,
        List<ExportedBookmark> children) {

    static ExportedBookmark of(Exported e) {
        var n = e.node();
        return new ExportedBookmark(n.guid(), n.kind(), e.title(), n.url(), n.url() == null ? null : Links.linkable(n.url()),
                n.keyword(), n.tags().isEmpty() ? null : n.tags(), n.description(), n.dateAdded(), n.lastModified(),
                n.isFolder() ? e.children().stream().map(ExportedBookmark::of).toList() : null);
    }
}
