package io.fxhome.sandbox.storage;

import io.fxhome.sandbox.http.Json;
import java.nio.charset.StandardCharsets;

/**
 * One stored BSO, immutable. Its wire form ({@code {"id","modified","payload","sortindex"}}, the field order
 * syncstorage-rs serializes, sortindex omitted when absent, ttl never returned) is rendered once at write time so
 * serving a page is a copy of bytes.
 */
public final class StoredBso {
    private final String id;
    private final long modified;
    private final Integer sortindex;
    private final String payload;
    private final long expiresAt;
    private final byte[] json;
    private final byte[] idJson;

    public StoredBso(String id, long modified, Integer sortindex, String payload, long expiresAt) {
        this.id = id;
        this.modified = modified;
        this.sortindex = sortindex;
        this.payload = payload;
        this.expiresAt = expiresAt;
        this.idJson = Json.quoteUtf8(id);
        StringBuilder sb = new StringBuilder(payload.length() + id.length() + 80);
        sb.append("{\"id\":").append(Json.quote(id)).append(",\"modified\":").append(SyncTimestamps.json(modified))
                .append(",\"payload\":").append(Json.quote(payload));
        if (sortindex != null) {
            sb.append(",\"sortindex\":").append(sortindex.intValue());
        }
        this.json = sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    public String id() {
        return id;
    }

    public long modified() {
        return modified;
    }

    public Integer sortindex() {
        return sortindex;
    }

    public String payload() {
        return payload;
    }

    /** Epoch millis after which the BSO is gone; {@link Long#MAX_VALUE} without ttl. */
    public long expiresAt() {
        return expiresAt;
    }

    public boolean liveAt(long nowMillis) {
        return expiresAt > nowMillis;
    }

    /** The full BSO as UTF-8 JSON. */
    public byte[] json() {
        return json;
    }

    /** The id as a UTF-8 JSON string literal. */
    public byte[] idJson() {
        return idJson;
    }

    /** Approximate stored size, counted like syncstorage-rs: payload characters. */
    public int payloadSize() {
        return payload.length();
    }
}
