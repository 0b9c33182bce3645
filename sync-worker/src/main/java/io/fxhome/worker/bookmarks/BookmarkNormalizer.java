package io.fxhome.worker.bookmarks;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import io.fxhome.sync.records.BookmarkKind;
import io.fxhome.sync.records.BookmarkRecord;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.worker.db.Text;

/** Turns a decrypted bookmark record into the row fxhome stores; empty for records Firefox itself ignores. */
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
        return Optional.of(new BookmarkRow(Text.clean(b.id()), Text.clean(b.parentId()), kind, Text.clean(b.title()),
                Text.clean(url), b.tags() == null ? List.of() : b.tags().stream().map(Text::clean).toList(),
                Text.clean(b.keyword()), Text.clean(b.description()), b.dateAddedInstant().orElse(null),
                new BigDecimal(record.modified().text()),
                folderLike ? b.children().stream().map(Text::clean).toList() : null));
    }

}
