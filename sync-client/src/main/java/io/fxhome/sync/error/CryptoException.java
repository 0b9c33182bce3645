package io.fxhome.sync.error;

/** Authenticated data did not verify or decrypt. Carries what went wrong, never key material. */
public final class CryptoException extends SyncException {
    /** The kind of cryptographic failure. */
    public enum Problem {
        /** The MAC did not match: wrong key or tampered data. Nothing was decrypted. */
        BAD_HMAC,
        /** Ciphertext, IV or padding malformed (wrong lengths, bad base64, bad PKCS#7). */
        BAD_CIPHERTEXT,
        /** A key or public key had the wrong size or was not on the curve. */
        BAD_KEY,
        /** A structure around the ciphertext (JWE header, bundle) is malformed. */
        BAD_FORMAT
    }

    private final Problem problem;

    public CryptoException(Problem problem, String detail) {
        super(problem + ": " + detail);
        this.problem = problem;
    }

    public CryptoException(Problem problem, String detail, Throwable cause) {
        super(problem + ": " + detail, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    @Override
    public SyncStatus status() {
        return SyncStatus.OTHER;
    }
}
