package io.fxhome.sync.records;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.storage.DecryptedRecord;

/**
 * A {@code bookmarks} record (engine version 2, §7.1), every kind in one lenient shape: fields that do not apply
 * to a kind are null or empty.
 *
 * @param id the record id (server form: roots are {@code menu}, {@code toolbar}, …)
 * @param kind the parsed {@code type}
 * @param type the raw {@code type} string (null if missing)
 * @param parentId {@code parentid}
 * @param parentName {@code parentName}
 * @param dateAdded ms since epoch (numeric strings accepted), or null
 * @param hasDupe dedupe hint
 * @param title title of bookmarks, queries, folders, livemarks
 * @param bmkUri URL of bookmarks and queries
 * @param description legacy description
 * @param tags tag names (empty when none)
 * @param keyword location-bar keyword
 * @param loadInSidebar legacy v1 flag
 * @param folderName query's folder/tag name
 * @param queryId legacy smart-bookmark id
 * @param children ordered child ids of folders and livemarks (empty when none)
 * @param feedUri livemark feed
 * @param siteUri livemark site
 * @param pos separator position
 * @param unknownFields members this parser does not know, kept as is
 */
public record BookmarkRecord(String id, BookmarkKind kind, String type, String parentId, String parentName,
        Long dateAdded, Boolean hasDupe, String title, String bmkUri, String description, List<String> tags,
        String keyword, Boolean loadInSidebar, String folderName, String queryId, List<String> children,
        String feedUri, String siteUri, Integer pos, Map<String, JsonNode> unknownFields) {

    private static final Set<String> KNOWN = Set.of("id", "type", "parentid", "parentName", "dateAdded", "hasDupe",
            "title", "bmkUri", "description", "tags", "keyword", "loadInSidebar", "folderName", "queryId", "children",
            "feedUri", "siteUri", "pos", "generatorUri", "staticTitle", "predecessorid", "deleted");

    public static BookmarkRecord parse(String bsoId, JsonNode o) {
        String type = Fields.text(o, "type");
        return new BookmarkRecord(Fields.id(o, bsoId), BookmarkKind.of(type), type, Fields.text(o, "parentid"),
                Fields.text(o, "parentName"), Fields.integer(o, "dateAdded"), Fields.bool(o, "hasDupe"),
                Fields.text(o, "title"), Fields.text(o, "bmkUri"), Fields.text(o, "description"),
                Fields.strings(o, "tags"), Fields.text(o, "keyword"), Fields.bool(o, "loadInSidebar"),
                Fields.text(o, "folderName"), Fields.text(o, "queryId"), Fields.strings(o, "children"),
                Fields.text(o, "feedUri"), Fields.text(o, "siteUri"), Fields.int32(o, "pos"),
                Fields.unknown(o, KNOWN));
    }

    public static BookmarkRecord from(DecryptedRecord record) {
        return parse(record.id(), record.cleartext());
    }

    /** {@code dateAdded} as an instant, when known, positive and not after the year 9999. */
    public Optional<Instant> dateAddedInstant() {
        return dateAdded == null || dateAdded <= 0 || dateAdded > Fields.LATEST_MILLIS ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(dateAdded));
    }

    /** True when desktop Firefox would treat this record as junk (see {@link BookmarkRoots#isJunk}). */
    public boolean isJunk() {
        return BookmarkRoots.isJunk(id, parentId);
    }
}
