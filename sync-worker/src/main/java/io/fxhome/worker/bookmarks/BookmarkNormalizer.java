package io.fxhome.worker.bookmarks;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import io.fxhome.sync.records.BookmarkKind;
import io.fxhome.sync.records.BookmarkRecord;
import io.fxhome.sync.records.BookmarkRoots;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.worker.db.Text;

/**
 * Turns a decrypted bookmark record into the row fxhome stores; empty for records Firefox itself ignores. Every row
 * has one parent (see {@link #parent}).
 */
public final class BookmarkNormalizer {
    private BookmarkNormalizer() {
    }

    public static Optional<BookmarkRow> normalize(DecryptedRecord record) {
        BookmarkRecord b = BookmarkRecord.from(record);
        if (b.isJunk()) {
            return Optional.empty();
        }
        String kind = switch (b.kind()) {
            case BOOKMARK, MICROSUMMARY, ITEM -> "bookmark";
            case QUERY -> "query";
            case FOLDER -> "folder";
            case LIVEMARK -> "livemark";
            case SEPARATOR -> "separator";
            case UNKNOWN -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        boolean folderLike = b.kind() == BookmarkKind.FOLDER || b.kind() == BookmarkKind.LIVEMARK;
        String url = b.kind() == BookmarkKind.LIVEMARK ? (b.siteUri() != null ? b.siteUri() : b.feedUri()) : b.bmkUri();
        return Optional.of(new BookmarkRow(Text.clean(b.id()), Text.clean(parent(b)), kind, Text.clean(b.title()),
                Text.clean(url), b.tags() == null ? List.of() : b.tags().stream().map(Text::clean).toList(),
                Text.clean(b.keyword()), Text.clean(b.description()), b.dateAddedInstant().orElse(null),
                new BigDecimal(record.modified().text()),
                folderLike ? b.children().stream().map(Text::clean).toList() : null));
    }

    /**
     * The parent the row keeps: the record's {@code parentid}, except where Firefox's tree builder (dogear, rules 1
     * and 4) corrects it from the record alone: a user content root is always a child of the Places root, and an
     * item without a parent, or naming itself (a cycle dogear refuses), goes to unfiled. Rules that need other
     * records (a missing or non-folder parent, multiple parents) are not applied: the mirror keeps the server's
     * tree, and a parent may arrive in a later sync.
     */
    private static String parent(BookmarkRecord b) {
        if (BookmarkRoots.isRoot(b.id())) {
            return "places";
        }
        return b.parentId() == null || b.parentId().equals(b.id()) ? "unfiled" : b.parentId();
    }
}
