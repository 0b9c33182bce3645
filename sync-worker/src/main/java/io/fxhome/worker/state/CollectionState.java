package io.fxhome.worker.state;

/**
 * What the worker remembers of one collection between syncs. {@code highWaterMark} is the collection's
 * X-Last-Modified after its last complete download, kept as the exact string the server sent; null means "download
 * everything".
 */
public record CollectionState(String collection, String highWaterMark, String syncId, Integer engineVersion,
        String keysFingerprint) {

    public static CollectionState empty(String collection) {
        return new CollectionState(collection, null, null, null, null);
    }

    public CollectionState withHighWaterMark(String mark) {
        return new CollectionState(collection, mark, syncId, engineVersion, keysFingerprint);
    }

    public CollectionState reset() {
        return new CollectionState(collection, null, syncId, engineVersion, keysFingerprint);
    }
}
