package io.fxhome.secrets;

import java.nio.charset.StandardCharsets;

/**
 * Seals short-lived secrets (a sign-in waiting for its next step) directly under the current master key, bound to a
 * context the caller names, so a sealed value opens only where it was written. Long-lived account secrets use
 * {@link AccountSecretsCipher}'s per-account data keys instead, which a key rotation rewraps; these values live
 * minutes, so one sealed under a previous master key opens as long as that key is still configured.
 */
public final class SecretSealer {
    private final MasterKeyRing keys;

    public SecretSealer(MasterKeyRing keys) {
        this.keys = keys;
    }

    public Sealed seal(String context, byte[] plaintext) {
        MasterKey master = keys.current();
        return new Sealed(master.version(), AesGcm.seal(master.bytes(), master.version(), plaintext, bytes(context)));
    }

    /** @throws SecretDecryptionException when the value was sealed under another context or key, or tampered with */
    public byte[] open(String context, byte[] sealed) {
        int version = AesGcm.keyVersion(sealed);
        MasterKey master = keys.byVersion(version).orElseThrow(() -> new SecretDecryptionException(
                "sealed under master key version " + version + ", which this process was not given"));
        return AesGcm.open(master.bytes(), sealed, bytes(context));
    }

    private static byte[] bytes(String context) {
        return ("fxhome-sealed:" + context).getBytes(StandardCharsets.UTF_8);
    }

    /** A sealed value and the master key version it is sealed under (for operators' rotation checks). */
    public record Sealed(int masterKeyVersion, byte[] envelope) {
        @Override
        public String toString() {
            return "Sealed[masterKeyVersion=" + masterKeyVersion + ", " + envelope.length + " bytes]";
        }
    }
}
