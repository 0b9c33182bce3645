package io.fxhome.secrets;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;

/**
 * Envelope encryption of {@link AccountSecrets}: a random data key per account encrypts each field; the master key
 * wraps the data key. Re-keying the master key therefore rewrites one small column per account, never the secrets.
 * Every ciphertext is bound to its account and field, so rows cannot be swapped between accounts.
 */
public final class AccountSecretsCipher {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Data-key ciphertexts name the data key's generation; there is one generation per account so far. */
    private static final int DATA_KEY_VERSION = 1;

    private final MasterKeyRing keys;

    public AccountSecretsCipher(MasterKeyRing keys) {
        this.keys = keys;
    }

    public SealedAccountSecrets seal(UUID accountId, AccountSecrets secrets) {
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        try {
            MasterKey master = keys.current();
            return new SealedAccountSecrets(master.version(),
                    AesGcm.seal(master.bytes(), master.version(), dataKey, context(accountId, "data-key")),
                    AesGcm.seal(dataKey, DATA_KEY_VERSION, secrets.refreshToken().getBytes(StandardCharsets.UTF_8),
                            context(accountId, "refresh-token")),
                    AesGcm.seal(dataKey, DATA_KEY_VERSION, secrets.syncKeyBundle(), context(accountId, "sync-key-bundle")),
                    AesGcm.seal(dataKey, DATA_KEY_VERSION, secrets.keyId().getBytes(StandardCharsets.UTF_8),
                            context(accountId, "key-id")));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    public AccountSecrets open(UUID accountId, SealedAccountSecrets sealed) {
        byte[] dataKey = unwrapDataKey(accountId, sealed);
        try {
            byte[] bundle = AesGcm.open(dataKey, sealed.syncKeyBundle(), context(accountId, "sync-key-bundle"));
            try {
                return new AccountSecrets(
                        new String(AesGcm.open(dataKey, sealed.refreshToken(), context(accountId, "refresh-token")),
                                StandardCharsets.UTF_8),
                        bundle,
                        new String(AesGcm.open(dataKey, sealed.keyId(), context(accountId, "key-id")), StandardCharsets.UTF_8));
            } finally {
                Arrays.fill(bundle, (byte) 0);
            }
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The same secrets with the data key wrapped under the current master key; the field ciphertexts are unchanged. */
    public SealedAccountSecrets rewrap(UUID accountId, SealedAccountSecrets sealed) {
        MasterKey current = keys.current();
        if (sealed.masterKeyVersion() == current.version()) {
            return sealed;
        }
        byte[] dataKey = unwrapDataKey(accountId, sealed);
        try {
            return new SealedAccountSecrets(current.version(),
                    AesGcm.seal(current.bytes(), current.version(), dataKey, context(accountId, "data-key")),
                    sealed.refreshToken(), sealed.syncKeyBundle(), sealed.keyId());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private byte[] unwrapDataKey(UUID accountId, SealedAccountSecrets sealed) {
        int version = AesGcm.keyVersion(sealed.wrappedDataKey());
        MasterKey master = keys.byVersion(version).orElseThrow(() -> new MasterKeyException(
                "the secrets of account " + accountId + " are wrapped by master key version " + version
                        + ", which this process was not given (configured: " + keys.versions() + ")"));
        return AesGcm.open(master.bytes(), sealed.wrappedDataKey(), context(accountId, "data-key"));
    }

    private static byte[] context(UUID accountId, String field) {
        return ("fxhome/account-secret/" + accountId + "/" + field).getBytes(StandardCharsets.US_ASCII);
    }
}
