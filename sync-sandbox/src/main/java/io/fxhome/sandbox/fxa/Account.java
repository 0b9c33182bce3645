package io.fxhome.sandbox.fxa;

import io.fxhome.sandbox.crypto.Hmacs;
import io.fxhome.sandbox.crypto.PasswordVerifier;

/**
 * An FxA account as the auth server stores it: no password and no kB, only the onepw verifier(s), kA and
 * wrapWrapKb (wrapKB XOR wrapwrapKey), from which a correct authPW recovers wrapKB at sign-in. A version-2 account
 * also holds {@code clientSalt}, a second verifier and {@code wrapWrapKbVersion2}, both unwrapping to the same kB
 * (fxa-auth-server lib/routes/account.ts {@code createAccount}). An account created through Google/Apple or a
 * passkey has no password at all ({@code verifierSetAt} 0); the sandbox then keeps its kB aside so that a password
 * set later wraps the same kB (production would start a new one; the sandbox keeps the uploaded data readable).
 */
public final class Account {
    /** One stored verifier and the kB wrapping it unlocks. */
    private record Credentials(PasswordVerifier verifier, byte[] wrapWrapKb) {
        @Override
        public String toString() {
            return "Credentials[redacted]";
        }
    }

    /** What a matching authPW unlocks: which verifier matched and wrapKB. */
    public record PasswordMatch(int version, byte[] wrapKB) {
        @Override
        public String toString() {
            return "PasswordMatch[v" + version + ", redacted]";
        }
    }

    private final String uid;
    private final String saltEmail;
    private volatile String primaryEmail;
    private final byte[] kA;
    private final long keysChangedAt;
    private final VerificationMode verificationMode;
    private final byte[] totpSecret;
    private volatile Credentials v1;
    private volatile Credentials v2;
    private volatile String clientSalt;
    private volatile long verifierSetAt;
    private volatile byte[] kBWithoutPassword;

    private Account(String uid, String email, byte[] kA, long keysChangedAt, VerificationMode verificationMode,
            byte[] totpSecret) {
        this.uid = uid;
        this.saltEmail = email;
        this.primaryEmail = email;
        this.kA = kA.clone();
        this.keysChangedAt = keysChangedAt;
        this.verificationMode = verificationMode;
        this.totpSecret = totpSecret == null ? null : totpSecret.clone();
    }

    /** An account with version-1 credentials (the kB wrapped under the v1 verifier's stretch). */
    public Account(String uid, String email, PasswordVerifier verifier, byte[] kA, byte[] wrapWrapKb,
            long verifierSetAt, long keysChangedAt, VerificationMode verificationMode, byte[] totpSecret) {
        this(uid, email, kA, keysChangedAt, verificationMode, totpSecret);
        this.v1 = new Credentials(verifier, wrapWrapKb.clone());
        this.verifierSetAt = verifierSetAt;
    }

    /** An account without a password (Google/Apple sign-in or a passkey): {@code verifierSetAt} is 0. */
    public static Account withoutPassword(String uid, String email, byte[] kA, byte[] kB, long keysChangedAt,
            VerificationMode verificationMode, byte[] totpSecret) {
        Account a = new Account(uid, email, kA, keysChangedAt, verificationMode, totpSecret);
        a.kBWithoutPassword = kB.clone();
        return a;
    }

    /** Adds version-2 credentials ({@code clientSalt}, verifier over the same authSalt, wrapWrapKbVersion2). */
    public void addVersion2(String salt, PasswordVerifier verifier, byte[] wrapWrapKbVersion2) {
        this.v2 = new Credentials(verifier, wrapWrapKbVersion2.clone());
        this.clientSalt = salt;
    }

    /**
     * Sets the first password of an account that had none (the "create a password for Sync" step): version-1
     * credentials wrapping the kB kept aside.
     */
    public synchronized void setFirstPassword(PasswordVerifier verifier, byte[] wrapwrapKey, byte[] unwrapBKey,
            long now) {
        if (v1 != null) {
            throw new IllegalStateException("account already has a password");
        }
        byte[] wrapKB = Hmacs.xor(kBWithoutPassword, unwrapBKey);
        this.v1 = new Credentials(verifier, Hmacs.xor(wrapKB, wrapwrapKey));
        this.verifierSetAt = now;
        this.kBWithoutPassword = null;
    }

    public String uid() {
        return uid;
    }

    /** The e-mail the account was created with: the version-1 quick-stretch salt. */
    public String saltEmail() {
        return saltEmail;
    }

    public String primaryEmail() {
        return primaryEmail;
    }

    public void changePrimaryEmail(String email) {
        this.primaryEmail = email;
    }

    /** When the password (and so the token generation) was last set, ms; 0 for an account without a password. */
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

    public boolean hasPassword() {
        return v1 != null;
    }

    /** 2 when the account has version-2 credentials, 1 with version 1 only, 0 without a password. */
    public int passwordVersion() {
        return v2 != null ? 2 : v1 != null ? 1 : 0;
    }

    /** The full {@code clientSalt} string of a version-2 account, else null. */
    public String clientSalt() {
        return clientSalt;
    }

    /** The authSalt and scrypt cost of the account's verifiers (null without a password). */
    public PasswordVerifier verifier() {
        Credentials c = v1;
        return c == null ? null : c.verifier();
    }

    /**
     * Checks an authPW against the version-2 verifier, then the version-1 one (one scrypt stretch: both use the same
     * authSalt); on success returns which matched and the wrapKB it unwraps, else null.
     */
    public PasswordMatch checkPassword(byte[] authPW) {
        Credentials one = v1;
        if (one == null) {
            return null;
        }
        PasswordVerifier.Stretched s = PasswordVerifier.stretch(authPW, one.verifier().authSalt(),
                one.verifier().scryptN());
        Credentials two = v2;
        if (two != null && two.verifier().matches(s)) {
            return new PasswordMatch(2, Hmacs.xor(two.wrapWrapKb(), s.wrapwrapKey()));
        }
        if (one.verifier().matches(s)) {
            return new PasswordMatch(1, Hmacs.xor(one.wrapWrapKb(), s.wrapwrapKey()));
        }
        return null;
    }

    @Override
    public String toString() {
        return "Account[uid=" + uid + "]";
    }
}
