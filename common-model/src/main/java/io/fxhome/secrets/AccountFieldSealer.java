package io.fxhome.secrets;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Seals an extra secret of an account (the Send Tab private key and auth secret) under the same per-account data key
 * as {@link AccountSecretsCipher}'s fields, with its own context: a master key rotation, which rewraps only the data
 * key, keeps it readable, and it opens only as that field of that account.
 */
public final class AccountFieldSealer {
    private static final int DATA_KEY_VERSION = 1;

    private final MasterKeyRing keys;

    public AccountFieldSealer(MasterKeyRing keys) {
        this.keys = keys;
    }

    public byte[] seal(UUID accountId, SealedAccountSecrets account, String field, byte[] plaintext) {
        byte[] dataKey = dataKey(accountId, account);
        try {
            return AesGcm.seal(dataKey, DATA_KEY_VERSION, plaintext, context(accountId, field));
        } finally {
            java.util.Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** @throws SecretDecryptionException when sealed for another account or field, or tampered with */
    public byte[] open(UUID accountId, SealedAccountSecrets account, String field, byte[] sealed) {
        byte[] dataKey = dataKey(accountId, account);
        try {
            return AesGcm.open(dataKey, sealed, context(accountId, field));
        } finally {
            java.util.Arrays.fill(dataKey, (byte) 0);
        }
    }

    private byte[] dataKey(UUID accountId, SealedAccountSecrets account) {
        int version = AesGcm.keyVersion(account.wrappedDataKey());
        MasterKey master = keys.byVersion(version).orElseThrow(() -> new MasterKeyException(
                "the secrets of account " + accountId + " are wrapped by master key version " + version
                        + ", which this process was not given (configured: " + keys.versions() + ")"));
        return AesGcm.open(master.bytes(), account.wrappedDataKey(), ("fxhome/account-secret/" + accountId
                + "/data-key").getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] context(UUID accountId, String field) {
        return ("fxhome/account-secret/" + accountId + "/" + field).getBytes(StandardCharsets.US_ASCII);
    }
}
