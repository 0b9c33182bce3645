package io.fxhome.sandbox.storage;

/** syncstorage-rs's default server limits, served as {@code info/configuration}. */
public record StorageLimits(long maxRequestBytes, int maxPostRecords, long maxPostBytes, int maxTotalRecords,
        long maxTotalBytes, long maxRecordPayloadBytes, long maxQuotaLimit) {

    public static StorageLimits defaults() {
        return new StorageLimits(2_625_536L, 100, 2_621_440L, 10_000, 262_144_000L, 2_621_440L, 2_097_152_000L);
    }

    public String toJson() {
        return "{\"max_request_bytes\":" + maxRequestBytes + ",\"max_post_records\":" + maxPostRecords
                + ",\"max_post_bytes\":" + maxPostBytes + ",\"max_total_records\":" + maxTotalRecords
                + ",\"max_total_bytes\":" + maxTotalBytes + ",\"max_record_payload_bytes\":" + maxRecordPayloadBytes
                + ",\"max_quota_limit\":" + maxQuotaLimit + "}";
    }
}
