package io.fxhome.sync.storage;

import java.util.Map;

/**
 * The outcome of a completed download (counts are of the final, un-restarted pass).
 *
 * @param lastModified the collection's X-Last-Modified from the first page: the new high-water mark
 * @param records records handed to {@link RecordSink#accept} (tombstones included), or ids for id-only listings
 * @param tombstones how many of them were tombstones
 * @param skipped records handed to {@link RecordSink#skipped}
 * @param skippedByReason the same, per reason
 * @param pages pages fetched in the final pass
 * @param restarts how many times a 412 restarted the download
 */
public record DownloadResult(ServerTimestamp lastModified, long records, long tombstones, long skipped,
        Map<SkipReason, Long> skippedByReason, int pages, int restarts) {
}
