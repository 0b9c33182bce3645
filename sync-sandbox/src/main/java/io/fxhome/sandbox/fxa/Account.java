package io.fxhome.sandbox.fxa;

import io.fxhome.sandbox.crypto.Hmacs;
import io.fxhome.sandbox.crypto.PasswordVerifier;

/**
 * An FxA account as the auth server stores it: no password and no kB, only the onepw verifier, kA and wrapWrapKb
 * (wrapKB XOR wrapwrapKey), from which a correct authPW recovers wrapKB at sign-in.
 */
public final class Account {
    private final String uid;
    private final String saltEmail;
    private volatile String primaryEmail;
    private final PasswordVerifier verifier;
    private final byte[] kA;
    private final byte[] wrapWrapKb;
    private final long verifierSetAt;
    private final long keysChangedAt;
    private final VerificationMode verificationMode;
    private final byte[] totpSecret;

    public Account(String uid, String email, PasswordVerifier verifier, byte[] kA, byte[] wrapWrapKb,
            long verifierSetAt, long keysChangedAt, VerificationMode verificationMode, byte[] totpSecret) {
        this.uid = uid;
        this.saltEmail = email;
        this.primaryEmail = email;
        this.verifier = verifier;
        this.kA = kA.clone();
        this.wrapWrapKb = wrapWrapKb.clone();
        this.verifierSetAt = verifierSetAt;
        this.keysChangedAt = keysChangedAt;
        this.verificationMode = verificationMode;
        this.totpSecret = totpSecret == null ? null : totpSecret.clone();
    }

    public String uid() {
        return uid;
    }

    /** The e-mail the account was created with: the quick-stretch salt. */
    public String saltEmail() {
        return saltEmail;
    }

    public String primaryEmail() {
        return primaryEmail;
    }

    public void changePrimaryEmail(String email) {
        this.primaryEmail = email;
    }

    /** When the password (and so the token generation) was last set, ms. */
    public long verifierSetAt() {
        return verifierSetAt;
    }

    /** keyRotationTimestamp of the oldsync scope, ms. */
    public long keysChangedAt() {
        return keysChangedAt;
    }

    public VerificationMode verificationMode() {
        return verificationMode;
    }

    public byte[] totpSecret() {
        return totpSecret == null ? null : totpSecret.clone();
    }

    public byte[] kA() {
        return kA.clone();
    }

    /** Checks an authPW; on success returns wrapKB, else null. */
    public byte[] checkPassword(byte[] authPW) {
        PasswordVerifier.Stretched s = verifier.check(authPW);
        return s == null ? null : Hmacs.xor(wrapWrapKb, s.wrapwrapKey());
    }

    @Override
    public String toString() {
        return "Account[uid=" + uid + "]";
    }
}
