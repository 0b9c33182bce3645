package io.fxhome.sync.fxa;

import io.fxhome.sync.crypto.Bytes;
import java.util.Optional;

/**
 * A password sign-in between {@code /account/login} and {@link FxaClient#completeLink}: holds the session token,
 * the single-use keyFetchToken and unwrapBKey, all secret, in memory only. After a successful link (or
 * {@link #forget()}) the secrets are overwritten and the object is spent. Not meant to be persisted.
 */
public final class PendingSignIn {
    private final String uid;
    private final String email;
    private final byte[] sessionToken;
    private byte[] keyFetchToken;
    private final byte[] unwrapBKey;
    private final VerificationMethod verificationMethod;
    private final String verificationReason;
    private volatile boolean verified;
    private byte[] kB;
    private boolean forgotten;

    PendingSignIn(String uid, String email, byte[] sessionToken, byte[] keyFetchToken, byte[] unwrapBKey,
            boolean verified, VerificationMethod verificationMethod, String verificationReason) {
        this.uid = uid;
        this.email = email;
        this.sessionToken = sessionToken;
        this.keyFetchToken = keyFetchToken;
        this.unwrapBKey = unwrapBKey;
        this.verified = verified;
        this.verificationMethod = verificationMethod;
        this.verificationReason = verificationReason;
    }

    public String uid() {
        return uid;
    }

    public String email() {
        return email;
    }

    /** True once the server said the session (and email) are verified. */
    public boolean verified() {
        return verified;
    }

    /** What the server asked for when the session was unverified at login. */
    public Optional<VerificationMethod> verificationMethod() {
        return Optional.ofNullable(verificationMethod);
    }

    /** {@code login}, {@code signup} or {@code change_password}, when the server said. */
    public Optional<String> verificationReason() {
        return Optional.ofNullable(verificationReason);
    }

    /** True after {@link #forget()} or a completed link. */
    public synchronized boolean isForgotten() {
        return forgotten;
    }

    /** Overwrites every secret. */
    public synchronized void forget() {
        Bytes.wipe(sessionToken, keyFetchToken, unwrapBKey, kB);
        forgotten = true;
    }

    void markVerified() {
        verified = true;
    }

    synchronized byte[] sessionToken() {
        requireLive();
        return sessionToken;
    }

    /** Returns the keyFetchToken and drops our copy: the server burns it on first use, success or not. */
    synchronized byte[] takeKeyFetchToken() {
        requireLive();
        byte[] t = keyFetchToken;
        keyFetchToken = null;
        return t;
    }

    synchronized boolean hasKeyFetchToken() {
        return keyFetchToken != null;
    }

    synchronized byte[] unwrapBKey() {
        requireLive();
        return unwrapBKey;
    }

    /** kB once fetched, kept so that a failure after /account/keys can be retried without a new keyFetchToken. */
    synchronized byte[] kB() {
        requireLive();
        return kB;
    }

    synchronized void rememberKb(byte[] kB) {
        this.kB = kB;
    }

    private void requireLive() {
        if (forgotten) {
            throw new IllegalStateException("this sign-in was completed or forgotten; sign in again");
        }
    }

    @Override
    public String toString() {
        return "PendingSignIn[uid=" + uid + ", verified=" + verified + ", method=" + verificationMethod
                + ", secrets=<redacted>]";
    }
}
