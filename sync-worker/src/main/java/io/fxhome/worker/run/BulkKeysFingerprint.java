package io.fxhome.worker.run;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.crypto.KeyBundle;

/**
 * A one-way digest of an account's bulk keys (crypto/keys), stored in {@code sync_state.keys_fingerprint}: when it
 * changes, every record was encrypted anew and the mirror is downloaded again in full (SyncPlan). SHA-256 over the keys
 * themselves: the default bundle, then each collection's bundle by collection name, each name length-prefixed and each
 * key 32 bytes, so that two key sets have one encoding each. Nothing secret is stored: the keys are random 256-bit
 * values, whose digest tells nothing about them. Written {@code sha256:} and 64 lower-case hex digits.
 * <p>
 * Workers before this one stored {@code <hex of a 32-bit String.hashCode>:<length>} of the bundles' short fingerprints,
 * and two key sets could meet in those 32 bits, skipping the full download a key change needs. Such a value has no
 * {@code sha256:} prefix, so it never equals one of these: the first sync of each account after the upgrade counts as a
 * key change and downloads everything once (bookmarks are mirrored and history merged again; nothing is lost), then
 * stores the new form. Comparing it by the old rule instead would spare that download, but only by trusting the 32-bit
 * comparison this replaces for exactly the syncs that run across the upgrade.
 */
final class BulkKeysFingerprint {
    static final String PREFIX = "sha256:";
    // Sets this digest apart from any other SHA-256 of the same keys (the client's KeyBundle fingerprints, say).
    private static final byte[] DOMAIN = "fxhome bulk keys fingerprint v1\0".getBytes(StandardCharsets.US_ASCII);

    private BulkKeysFingerprint() {
    }

    static String of(CollectionKeys keys) {
        MessageDigest sha256 = sha256();
        sha256.update(DOMAIN);
        update(sha256, keys.defaultKeys());
        keys.collections().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(name.length).array());
            sha256.update(name);
            update(sha256, e.getValue());
        });
        return PREFIX + HexFormat.of().formatHex(sha256.digest());
    }

    private static void update(MessageDigest sha256, KeyBundle bundle) {
        for (byte[] key : new byte[][] { bundle.encryptionKey(), bundle.hmacKey() }) {
            sha256.update(key);
            // A copy of a secret: not left for the heap to keep.
            Arrays.fill(key, (byte) 0);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
