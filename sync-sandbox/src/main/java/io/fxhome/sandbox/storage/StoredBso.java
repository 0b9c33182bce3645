package io.fxhome.sandbox.storage;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.http.Json;
import io.fxhome.sandbox.http.JsonText;

/**
 * One stored BSO, immutable. Its wire form ({@code {"id","modified","payload","sortindex"}}, the field order
 * syncstorage-rs serializes, sortindex omitted when absent, ttl never returned) is rendered once at write time so
 * serving a page is a copy of bytes.
 */
public final class StoredBso {
    private final String id;
    private final long modified;
    private final Integer sortindex;
    private final int payloadSize;
    private final long expiresAt;
    private final byte[] json;
    private final byte[] idJson;

    public StoredBso(String id, long modified, Integer sortindex, String payload, long expiresAt) {
        this.id = id;
        this.modified = modified;
        this.sortindex = sortindex;
        this.payloadSize = payload.length();
        this.expiresAt = expiresAt;
        this.idJson = Json.quoteUtf8(id);
        StringBuilder sb = new StringBuilder(payload.length() + payload.length() / 8 + id.length() + 80);
        sb.append("{\"id\":");
        JsonText.quote(sb, id);
        sb.append(",\"modified\":").append(SyncTimestamps.json(modified)).append(",\"payload\":");
        JsonText.quote(sb, payload);
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

    /** The payload, read back from the rendered JSON (only partial updates need it; it is not kept twice). */
    public String payload() {
        JsonNode n = Json.parseOrNull(json);
        return n == null ? "" : n.path("payload").asText("");
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
        return payloadSize;
    }
}
