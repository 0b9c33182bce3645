package io.fxhome.sync.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * FxA's scoped-key deriver (content server {@code crypto-relier} {@code scoped-keys.ts}). Sync's scopes (Firefox
 * oldsync and Thunderbird's sync) are special-cased to the legacy kSync derivation with a millisecond kid; every
 * other scope uses {@code HKDF(salt=uid, kB ‖ keyRotationSecret, NS+"scoped_key\n"+scope, 48)} with a kid in
 * rounded seconds.
 */
public final class ScopedKeyDerivation {
    public static final String THUNDERBIRD_SYNC_SCOPE = "https://identity.thunderbird.net/apps/sync";

    private ScopedKeyDerivation() {
    }

    public static boolean isLegacySyncScope(String scope) {
        return SyncKeyDerivation.OLDSYNC_SCOPE.equals(scope) || THUNDERBIRD_SYNC_SCOPE.equals(scope);
    }

    /** Derives the JWK for {@code scope}; {@code keyRotationSecret} and {@code uid} are ignored for Sync scopes. */
    public static ScopedKey derive(String scope, byte[] kB, byte[] keyRotationSecret, byte[] uid,
            long keyRotationTimestampMs) {
        if (isLegacySyncScope(scope)) {
            return new ScopedKey(scope, SyncKeyDerivation.kSync(kB),
                    SyncKeyDerivation.keyId(keyRotationTimestampMs, kB));
        }
        byte[] ikm = Bytes.concat(kB, keyRotationSecret);
        byte[] info = (OnePwCredentials.NAMESPACE + "scoped_key\n" + scope).getBytes(StandardCharsets.UTF_8);
        byte[] km = Hkdf.derive(ikm, uid, info, 48);
        try {
            // JavaScript Math.round(ms / 1000); timestamps are positive, so floor(x + 0.5) in integer arithmetic.
            long seconds = (keyRotationTimestampMs + 500) / 1000;
            String kid = seconds + "-" + Bytes.base64UrlNoPad(Arrays.copyOfRange(km, 0, 16));
            return new ScopedKey(scope, Arrays.copyOfRange(km, 16, 48), kid);
        } finally {
            Bytes.wipe(ikm, km);
        }
    }
}
