package io.fxhome.worker.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.worker.state.AccountSyncState;

/** The bulk keys' fingerprint: SHA-256 of the keys, any change seen, and the older workers' form never taken for it. */
class BulkKeysFingerprintTest {

    @Test
    void isTheSha256OfTheKeysInOneEncoding() {
        // Worked out apart from this code (Python's hashlib over the same bytes): the encoding is fixed, since
        // changing it would make every account download everything once more.
        assertThat(BulkKeysFingerprint.of(new CollectionKeys(bundle(0), Map.of())))
                .isEqualTo("sha256:98359f14b00931449866b7e045c961dbef967ffdd7c1bb3d9681ec70935e3d06");
        assertThat(BulkKeysFingerprint.of(new CollectionKeys(bundle(0), Map.of("bookmarks", bundle(64)))))
                .isEqualTo("sha256:20ee16cd6bcad263695c11ce6aef4aa16cfe7f8a784ddfdc0616f28ec50d4458");
    }

    @Test
    void anyChangeOfAnyKeyIsSeenAndTheOrderOfCollectionsIsNot() {
        Map<String, KeyBundle> two = new LinkedHashMap<>();
        two.put("bookmarks", bundle(64));
        two.put("history", bundle(128));
        Map<String, KeyBundle> reversed = new LinkedHashMap<>();
        reversed.put("history", bundle(128));
        reversed.put("bookmarks", bundle(64));
        String fingerprint = BulkKeysFingerprint.of(new CollectionKeys(bundle(0), two));
        assertThat(BulkKeysFingerprint.of(new CollectionKeys(bundle(0), reversed))).isEqualTo(fingerprint);
        assertThat(BulkKeysFingerprint.of(new CollectionKeys(bundle(0), Map.of("bookmarks", bundle(64)))))
                .isNotEqualTo(fingerprint);
        assertThat(BulkKeysFingerprint.of(new CollectionKeys(bundle(1), two))).isNotEqualTo(fingerprint);
        assertThat(BulkKeysFingerprint.of(new CollectionKeys(bundle(0), Map.of("bookmarks", bundle(64),
                "history", bundle(129))))).isNotEqualTo(fingerprint);
        // The same key under another collection's name is another key set.
        assertThat(BulkKeysFingerprint.of(new CollectionKeys(bundle(0), Map.of("bookmarks", bundle(64),
                "tabs", bundle(128))))).isNotEqualTo(fingerprint);
        // Only the HMAC key changed.
        byte[] enc = bundle(0).encryptionKey();
        byte[] hmac = bundle(0).hmacKey();
        hmac[31] ^= 1;
        assertThat(BulkKeysFingerprint.of(new CollectionKeys(KeyBundle.of(enc, hmac), two))).isNotEqualTo(fingerprint);
    }

    @Test
    void aFingerprintStoredByAnOlderWorkerCountsAsAKeyChange() {
        CollectionKeys keys = new CollectionKeys(bundle(0), Map.of("bookmarks", bundle(64)));
        String stored = olderWorkersFingerprint(keys);
        String now = BulkKeysFingerprint.of(keys);
        assertThat(stored).doesNotStartWith(BulkKeysFingerprint.PREFIX);
        assertThat(now).startsWith(BulkKeysFingerprint.PREFIX).hasSize(BulkKeysFingerprint.PREFIX.length() + 64);
        // Same node, same global syncID, same keys: only the form of the stored fingerprint differs, and the first sync
        // after the upgrade downloads everything once.
        AccountSyncState before = new AccountSyncState("https://node1.example/1.5/42", "42", "global1", 5,
                "1700000000.00", "1690000000.00", stored);
        assertThat(SyncPlan.downloadAllAgain(before, true, "global1", now)).isTrue();
        AccountSyncState after = new AccountSyncState("https://node1.example/1.5/42", "42", "global1", 5,
                "1700000000.00", "1690000000.00", now);
        assertThat(SyncPlan.downloadAllAgain(after, true, "global1", now)).isFalse();
    }

    /** What workers before the SHA-256 fingerprint stored (AccountSyncer.fingerprint, until issue 15). */
    private static String olderWorkersFingerprint(CollectionKeys keys) {
        StringBuilder all = new StringBuilder(keys.defaultKeys().fingerprint());
        keys.collections().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> all.append('|').append(e.getKey()).append('=').append(e.getValue().fingerprint()));
        return Integer.toHexString(all.toString().hashCode()) + ":" + all.length();
    }

    /** Keys of bytes {@code first, first + 1, …}: encryption key 32 bytes, then HMAC key 32 bytes. */
    private static KeyBundle bundle(int first) {
        byte[] bytes = new byte[64];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return KeyBundle.of(Arrays.copyOfRange(bytes, 0, 32), Arrays.copyOfRange(bytes, 32, 64));
    }
}
