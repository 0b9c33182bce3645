package io.fxhome.sandbox.fxa;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test hook for the security tests: the key ids the next {@code /authorization} completion of an account puts in
 * {@code keys_jwe} (with a random key), as a malicious browser could (production's servers pass keys_jwe through
 * unread).
 */
public final class ForgedKeysJweKids {
    private final Map<String, String> byUid = new ConcurrentHashMap<>();

    /** The next completion for this FxA uid carries {@code kid}. */
    public void forge(String fxaUid, String kid) {
        byUid.put(fxaUid, kid);
    }

    /** Consumes the forged kid of an account (null when none). */
    String take(String fxaUid) {
        return byUid.remove(fxaUid);
    }

    public void forget(String fxaUid) {
        byUid.remove(fxaUid);
    }
}
