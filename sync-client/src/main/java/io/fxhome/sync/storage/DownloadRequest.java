package io.fxhome.sync.storage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A collection download: {@code GET /storage/<collection>?full=1&newer=…&sort=…&limit=…}.
 *
 * @param collection the collection name ({@code [A-Za-z0-9._-]{1,32}})
 * @param newer only records modified strictly after this (the last high-water mark); empty for everything
 * @param sort the order; pass one whenever pages may follow (null sends none)
 * @param pageSize {@code limit} per page, 0 or less for none (pages may still come: always followed)
 * @param full true for whole records, false for ids only
 * @param maxRecordBytes the largest record, as sent, that is decrypted; larger ones are skipped as
 *        {@link SkipReason#TOO_LARGE} (default {@link PageReader#DEFAULT_MAX_RECORD_BYTES})
 */
public record DownloadRequest(String collection, Optional<ServerTimestamp> newer, SortOrder sort, int pageSize,
        boolean full, int maxRecordBytes) {
    public static final int DEFAULT_PAGE_SIZE = 1000;

    public DownloadRequest {
        if (!isValidCollection(collection)) {
            throw new IllegalArgumentException("invalid collection name");
        }
        if (maxRecordBytes <= 0 || maxRecordBytes > PageReader.MAX_RECORD_CAP) {
            throw new IllegalArgumentException("the record cap must be between 1 and " + PageReader.MAX_RECORD_CAP
                    + " bytes");
        }
        newer = newer == null ? Optional.empty() : newer;
    }

    /** With the default record cap. */
    public DownloadRequest(String collection, Optional<ServerTimestamp> newer, SortOrder sort, int pageSize,
            boolean full) {
        this(collection, newer, sort, pageSize, full, PageReader.DEFAULT_MAX_RECORD_BYTES);
    }

    /** Full records, oldest first, 1000 per page, newer than {@code since} when given. */
    public static DownloadRequest incremental(String collection, ServerTimestamp since) {
        return new DownloadRequest(collection, Optional.ofNullable(since), SortOrder.OLDEST, DEFAULT_PAGE_SIZE, true);
    }

    /** Every record of the collection, oldest first. */
    public static DownloadRequest all(String collection) {
        return incremental(collection, null);
    }

    public DownloadRequest withPageSize(int size) {
        return new DownloadRequest(collection, newer, sort, size, full, maxRecordBytes);
    }

    public DownloadRequest withMaxRecordBytes(int bytes) {
        return new DownloadRequest(collection, newer, sort, pageSize, full, bytes);
    }

    /** The query string (no leading {@code ?}); parameters encoded exactly once, the opaque offset URL-encoded. */
    String query(int limit, String offset) {
        StringBuilder q = new StringBuilder();
        if (full) {
            q.append("full=1");
        }
        newer.ifPresent(ts -> append(q, "newer", ts.text()));
        if (sort != null) {
            append(q, "sort", sort.wireName());
        }
        if (limit > 0) {
            append(q, "limit", Integer.toString(limit));
        }
        if (offset != null) {
            append(q, "offset", offset);
        }
        return q.toString();
    }

    private static void append(StringBuilder q, String name, String value) {
        if (q.length() > 0) {
            q.append('&');
        }
        q.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    static boolean isValidCollection(String name) {
        if (name == null || name.isEmpty() || name.length() > 32) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
