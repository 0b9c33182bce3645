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
 */
public final class PageReader {
    private static final System.Logger LOG = System.getLogger(PageReader.class.getName());

    private final BsoDecoder decoder;
    private final RecordSink sink;
    private long records;
    private long tombstones;
    private long skipped;
    private final EnumMap<SkipReason, Long> reasons = new EnumMap<>(SkipReason.class);

    public PageReader(KeyBundle keys, RecordSink sink) {
        this.decoder = new BsoDecoder(keys);
        this.sink = sink;
    }

    /**
     * Reads one page body. @param full true for an array of BSOs, false for an array of ids
     *
     * @throws com.fasterxml.jackson.core.JsonProcessingException when the body is not a JSON array
     * @throws IOException when the stream fails
     */
    public void read(InputStream body, boolean full) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new JsonParseException(p, "page body is not a JSON array");
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new JsonParseException(p, "truncated JSON array");
                }
                if (!full) {
                    if (t == JsonToken.VALUE_STRING) {
                        records++;
                        sink.acceptId(p.getText());
                    } else {
                        p.skipChildren();
                    }
                } else if (t == JsonToken.START_OBJECT) {
                    readBso(p);
                } else {
                    p.skipChildren();
                    skip(null, SkipReason.BAD_BSO);
                }
            }
        }
    }

    private void readBso(JsonParser p) throws IOException {
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
        DecryptedRecord record = decoder.decode(id, modified, sortindex, payload);
        if (record == null) {
            skip(id, decoder.lastSkip());
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
