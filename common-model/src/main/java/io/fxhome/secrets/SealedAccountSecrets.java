package io.fxhome.secrets;

/**
 * {@link AccountSecrets} as stored: each field AES-256-GCM under the account's data key, and the data key wrapped
 * by the master key named by {@code masterKeyVersion}. These are the columns of {@code account_secret}.
 */
public record SealedAccountSecrets(int masterKeyVersion, byte[] wrappedDataKey, byte[] refreshToken,
        byte[] syncKeyBundle, byte[] keyId) {

    @Override
    public String toString() {
        return "SealedAccountSecrets[masterKeyVersion=" + masterKeyVersion + "]";
    }
}
