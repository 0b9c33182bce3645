package io.fxhome.sync.token;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import io.fxhome.sync.hawk.HawkCredentials;

/**
 * A tokenserver token (§3.2): Hawk credentials for one storage node for about an hour.
 *
 * @param id opaque signed token, the Hawk id (redacted from {@link #toString()})
 * @param key the Hawk key <em>string</em>; its UTF-8 bytes are the MAC key (secret)
 * @param uid the storage user id on the node
 * @param apiEndpoint the storage base URL, {@code <node>/1.5/<uid>}, without trailing slash
 * @param durationSeconds the lifetime the server granted
 * @param validUntil local request time + duration
 */
public record SyncToken(String id, String key, long uid, URI apiEndpoint, long durationSeconds, Instant validUntil) {

    /** id verbatim, key = UTF-8 bytes of the key string. */
    public HawkCredentials hawkCredentials() {
        return HawkCredentials.withStringKey(id, key);
    }

    /** True when the token expires within {@code margin} of {@code now}. */
    public boolean expiresWithin(Duration margin, Instant now) {
        return !now.plus(margin).isBefore(validUntil);
    }

    /** The storage location this token points at. */
    public StorageNode node() {
        return new StorageNode(apiEndpoint, uid);
    }

    @Override
    public String toString() {
        return "SyncToken[id=<redacted>, key=<redacted>, uid=" + uid + ", apiEndpoint=" + apiEndpoint
                + ", durationSeconds=" + durationSeconds + ", validUntil=" + validUntil + "]";
    }
}
