package io.fxhome.sync.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One downloaded, verified and decrypted record.
 *
 * @param id the BSO id
 * @param modified the BSO's server timestamp
 * @param sortindex the BSO's sortindex, or null
 * @param cleartext the decrypted JSON object
 * @param tombstone true when the cleartext has a {@code deleted} member that is not {@code false}/{@code null}
 * @param cleartextUtf8 the decrypted bytes exactly as decrypted (for dumps); shared, do not modify
 */
public record DecryptedRecord(String id, ServerTimestamp modified, Integer sortindex, ObjectNode cleartext,
        boolean tombstone, byte[] cleartextUtf8) {

    @Override
    public String toString() {
        return "DecryptedRecord[id=" + id + ", modified=" + modified + ", tombstone=" + tombstone + "]";
    }
}
