package io.fxhome.sandbox;

import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.ProfileSpec;

/**
 * An account to create.
 *
 * @param password null for an account without a password
 * @param profile Sync data to generate and upload "from another Firefox"; null leaves the storage empty (a
 *        user who never synced)
 * @param seed makes the account's keys and ids reproducible; null for random
 * @param passwordVersion 1 (onepw quick stretch with the e-mail as salt, 1000 rounds), 2 (also the version-2
 *        credentials: a random {@code clientSalt}, 650,000 rounds) or 0 (no password: created through
 *        Google/Apple sign-in or with a passkey)
 */
public record NewAccount(String email, String password, VerificationMode verification, ProfileSpec profile,
        Long seed, int passwordVersion) {

    public NewAccount {
        if (email == null || !email.contains("@")) {
            throw new IllegalArgumentException("an account needs an e-mail");
        }
        if (passwordVersion < 0 || passwordVersion > 2) {
            throw new IllegalArgumentException("password version must be 0, 1 or 2");
        }
        if (passwordVersion == 0 ? password != null : password == null || password.isEmpty()) {
            throw new IllegalArgumentException(passwordVersion == 0 ? "an account without a password has none"
                    : "an account needs a password (or withoutPassword())");
        }
        verification = verification == null ? VerificationMode.NONE : verification;
    }

    /** An account with version-1 credentials. */
    public NewAccount(String email, String password, VerificationMode verification, ProfileSpec profile, Long seed) {
        this(email, password, verification, profile, seed, 1);
    }

    public static NewAccount of(String email, String password) {
        return new NewAccount(email, password, VerificationMode.NONE, null, null, 1);
    }

    /** An account created through Google/Apple sign-in or a passkey: no password (FxA's verifierSetAt 0). */
    public static NewAccount withoutPassword(String email) {
        return new NewAccount(email, null, VerificationMode.NONE, null, null, 0);
    }

    /** The same account without a password. */
    public NewAccount withoutPassword() {
        return new NewAccount(email, null, verification, profile, seed, 0);
    }

    /** The account also has version-2 credentials (credentials/status answers {@code currentVersion: "v2"}). */
    public NewAccount withPasswordVersion2() {
        return withPasswordVersion(2);
    }

    /** 1 or 2 (the password is kept); see {@link #withoutPassword()} for none. */
    public NewAccount withPasswordVersion(int version) {
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("password version must be 1 or 2");
        }
        return new NewAccount(email, password, verification, profile, seed, version);
    }

    public NewAccount withVerification(VerificationMode value) {
        return new NewAccount(email, password, value, profile, seed, passwordVersion);
    }

    public NewAccount withProfile(ProfileSpec value) {
        return new NewAccount(email, password, verification, value, seed == null && value != null ? value.seed()
                : seed, passwordVersion);
    }

    public NewAccount withSeed(long value) {
        return new NewAccount(email, password, verification, profile, value, passwordVersion);
    }

    @Override
    public String toString() {
        return "NewAccount[" + email + ", " + verification + ", password v" + passwordVersion + " redacted]";
    }
}
