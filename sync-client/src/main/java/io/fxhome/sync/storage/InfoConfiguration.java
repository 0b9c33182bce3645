package io.fxhome.sync.storage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /info/configuration} limits (§5.8). Missing keys (or a 404) fall back to Firefox's client defaults:
 * 260 KiB per request, 256 KiB per record payload, everything else unlimited.
 */
public record InfoConfiguration(long maxRequestBytes, long maxPostRecords, long maxPostBytes, long maxTotalRecords,
        long maxTotalBytes, long maxRecordPayloadBytes) {
    public static final long UNLIMITED = Long.MAX_VALUE;

    public static InfoConfiguration defaults() {
        return new InfoConfiguration(260 * 1024, UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, 256 * 1024);
    }

    static InfoConfiguration fromJson(JsonNode json) {
        InfoConfiguration d = defaults();
        return new InfoConfiguration(
                positive(json, "max_request_bytes", d.maxRequestBytes),
                positive(json, "max_post_records", d.maxPostRecords),
                positive(json, "max_post_bytes", d.maxPostBytes),
                positive(json, "max_total_records", d.maxTotalRecords),
                positive(json, "max_total_bytes", d.maxTotalBytes),
                positive(json, "max_record_payload_bytes", d.maxRecordPayloadBytes));
    }

    private static long positive(JsonNode json, String field, long fallback) {
        JsonNode n = json.get(field);
        return n != null && n.canConvertToLong() && n.asLong() > 0 ? n.asLong() : fallback;
    }

    /**
     * A read page size that stays within {@code max_total_records} (the default cap MySQL-backed servers apply
     * anyway); 0 or less means "no limit".
     */
    public int capPageSize(int pageSize) {
        if (maxTotalRecords == UNLIMITED) {
            return pageSize;
        }
        int cap = (int) Math.min(Integer.MAX_VALUE, maxTotalRecords);
        return pageSize <= 0 ? pageSize : Math.min(pageSize, cap);
    }
}
