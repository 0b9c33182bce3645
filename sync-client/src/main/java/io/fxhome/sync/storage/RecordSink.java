package io.fxhome.sync.storage;

/**
 * Receives a collection download record by record, while each page's body streams in.
 *
 * <p>
 * Restart contract: when a later page answers 412 (the collection changed mid-download) the download starts
 * again from the first page with the same request; {@link #restart()} is called first, and every record may then
 * be delivered again, possibly in a newer version. A sink that upserts idempotently (by id, newest {@code modified}
 * wins) can ignore {@code restart()}; a sink that buffers must discard what it buffered.
 *
 * <p>
 * {@link #endOfPage} is called after a page's body was fully read and the connection released: the right moment
 * to write a page's worth of records in one transaction, outside any HTTP call.
 */
public interface RecordSink {

    /** A verified, decrypted record (possibly a tombstone). */
    void accept(DecryptedRecord record);

    /** A record that could not be used; the download goes on. {@code id} may be null for {@link SkipReason#BAD_BSO}. */
    default void skipped(String id, SkipReason reason) {
    }

    /** An id from an id-only listing ({@code full} false). */
    default void acceptId(String id) {
    }

    /** The download starts over from the first page (see the class comment). */
    default void restart() {
    }

    /** A page ended; {@code more} tells whether another page follows. */
    default void endOfPage(boolean more) {
    }
}
