package io.fxhome.sync.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.json.Json;

/**
 * Streams the JSON array of a collection page into a {@link RecordSink}, one BSO at a time, never holding the
 * page: for each BSO reads {@code id}, {@code modified} (kept as the exact text), {@code sortindex} and
 * {@code payload}, then verifies, decrypts and parses it with the collection's key. Counts accumulate over all pages
 * read with the same instance. Not thread-safe (one per download pass).
 *
 * <p>
 * Bounded by bytes, not only by records: a BSO larger than {@code maxRecordBytes} as sent is skipped
 * ({@link SkipReason#TOO_LARGE}) without its strings ever being held whole ({@link JsonStringGuard}); a page with more
 * elements than the {@code limit} it was asked for, or more bytes than that many records can hold, ends the download
 * with an error. What the reader holds is one record at a time; the sink decides how many it keeps.
 */
public final class PageReader {
    private static final System.Logger LOG = System.getLogger(PageReader.class.getName());

    /**
     * Above Mozilla's largest payload (2 MiB, syncstorage-rs {@code max_record_payload_bytes}) with room for the BSO's
     * other fields and the escaping of the payload inside the page: every record production can store passes.
     */
    public static final int DEFAULT_MAX_RECORD_BYTES = 2560 * 1024;
    /** The largest record cap that may be configured: what the JSON parser lets through (Json.MAX_STRING_CHARS). */
    public static final int MAX_RECORD_CAP = Json.MAX_STRING_CHARS;
    /** Room for the array's brackets, commas and white space beside the records of a page. */
    private static final long PAGE_OVERHEAD_BYTES = 64 * 1024;

    private final BsoDecoder decoder;
    private final RecordSink sink;
    private final int maxRecordBytes;
    private long records;
    private long tombstones;
    private long skipped;
    private final EnumMap<SkipReason, Long> reasons = new EnumMap<>(SkipReason.class);

    public PageReader(KeyBundle keys, RecordSink sink) {
        this(keys, sink, DEFAULT_MAX_RECORD_BYTES);
    }

    /** @param maxRecordBytes the largest BSO, as sent, that is decrypted; larger ones are skipped */
    public PageReader(KeyBundle keys, RecordSink sink, int maxRecordBytes) {
        if (maxRecordBytes <= 0 || maxRecordBytes > MAX_RECORD_CAP) {
            throw new IllegalArgumentException("the record cap must be between 1 and " + MAX_RECORD_CAP + " bytes");
        }
        this.decoder = new BsoDecoder(keys);
        this.sink = sink;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Reads one page body with no limit on its elements. */
    public void read(InputStream body, boolean full) throws IOException {
        read(body, full, 0);
    }

    /**
     * Reads one page body. @param full true for an array of BSOs, false for an array of ids
     *
     * @param limit the {@code limit} the page was asked with (at most that many elements), 0 or less for none
     * @throws com.fasterxml.jackson.core.JsonProcessingException when the body is not a JSON array, or holds more than
     *         {@code limit} elements
     * @throws IOException when the stream fails, or the page holds more bytes than {@code limit} records may
     */
    public void read(InputStream body, boolean full, int limit) throws IOException {
        long maxPageBytes = limit > 0 ? limit * (long) maxRecordBytes + PAGE_OVERHEAD_BYTES : Long.MAX_VALUE;
        JsonStringGuard guard = new JsonStringGuard(body, maxRecordBytes, maxPageBytes);
        long elements = 0;
        try (JsonParser p = Json.FACTORY.createParser(guard)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new JsonParseException(p, "page body is not a JSON array");
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new JsonParseException(p, "truncated JSON array");
                }
                if (limit > 0 && ++elements > limit) {
                    throw new JsonParseException(p, "the page holds more than the " + limit + " records asked for");
                }
                long start = p.currentTokenLocation().getByteOffset();
                if (!full) {
                    if (t == JsonToken.VALUE_STRING) {
                        String id = p.getText();
                        if (tooLarge(guard, p, start)) {
                            skip(null, SkipReason.TOO_LARGE);
                        } else {
                            records++;
                            sink.acceptId(id);
                        }
                    } else {
                        p.skipChildren();
                        guard.cutBefore(p.currentLocation().getByteOffset());
                    }
                } else if (t == JsonToken.START_OBJECT) {
                    readBso(p, guard, start);
                } else {
                    p.skipChildren();
                    guard.cutBefore(p.currentLocation().getByteOffset());
                    skip(null, SkipReason.BAD_BSO);
                }
            }
        }
    }

    /**
     * Whether the element that began at {@code start} and ends at the parser's position was larger than the cap, or
     * had a string cut by the guard.
     */
    private boolean tooLarge(JsonStringGuard guard, JsonParser p, long start) {
        long end = p.currentLocation().getByteOffset();
        boolean cut = guard.cutBefore(end);
        return cut || end - start > maxRecordBytes;
    }

    private void readBso(JsonParser p, JsonStringGuard guard, long start) throws IOException {
        String id = null;
        String payload = null;
        ServerTimestamp modified = null;
        Integer sortindex = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "id":
                    id = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    break;
                case "payload":
                    payload = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    break;
                case "modified":
                    modified = v == JsonToken.VALUE_NUMBER_FLOAT || v == JsonToken.VALUE_NUMBER_INT
                            || v == JsonToken.VALUE_STRING ? parseTimestamp(p.getText()) : null;
                    break;
                case "sortindex":
                    sortindex = v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                            ? Integer.valueOf(p.getIntValue())
                            : null;
                    break;
                default:
                    break;
            }
            // An object or array is never a usable value: skip it whole, or its members would be read as the BSO's.
            p.skipChildren();
        }
        if (tooLarge(guard, p, start)) {
            // Not decrypted: its payload may be cut short. The id is reported only when it is a plausible one.
            skip(id != null && BsoDecoder.validId(id) ? id : null, SkipReason.TOO_LARGE);
            return;
        }
        DecryptedRecord record = decoder.decode(id, modified, sortindex, payload);
        if (record == null) {
            skip(id != null && BsoDecoder.validId(id) ? id : null, decoder.lastSkip());
            return;
        }
        records++;
        if (record.tombstone()) {
            tombstones++;
        }
        sink.accept(record);
    }

    private static ServerTimestamp parseTimestamp(String text) {
        try {
            return ServerTimestamp.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void skip(String id, SkipReason reason) {
        skipped++;
        reasons.merge(reason, 1L, Long::sum);
        LOG.log(System.Logger.Level.DEBUG, "skipped record {0}: {1}", id, reason);
        sink.skipped(id, reason);
    }

    /** Records (or ids) handed to the sink so far, tombstones included. */
    public long records() {
        return records;
    }

    public long tombstones() {
        return tombstones;
    }

    public long skipped() {
        return skipped;
    }

    public Map<SkipReason, Long> skippedByReason() {
        return Map.copyOf(reasons);
    }
}
