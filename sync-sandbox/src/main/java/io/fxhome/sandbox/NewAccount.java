package io.fxhome.sandbox;

import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.ProfileSpec;

/**
 * An account to create.
 *
 * @param profile Sync data to generate and upload "from another Firefox"; null leaves the storage empty (a user who
 *                never synced)
 * @param seed    makes the account's keys and ids reproducible; null for random
 */
public record NewAccount(String email, String password, VerificationMode verification, ProfileSpec profile,
        Long seed) {

    public NewAccount {
        if (email == null || !email.contains("@") || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("an account needs an e-mail and a password");
        }
        verification = verification == null ? VerificationMode.NONE : verification;
    }

    public static NewAccount of(String email, String password) {
        return new NewAccount(email, password, VerificationMode.NONE, null, null);
    }

    public NewAccount withVerification(VerificationMode value) {
        return new NewAccount(email, password, value, profile, seed);
    }

    public NewAccount withProfile(ProfileSpec value) {
        return new NewAccount(email, password, verification, value, seed == null && value != null ? value.seed()
                : seed);
    }

    public NewAccount withSeed(long value) {
        return new NewAccount(email, password, verification, profile, value);
    }

    @Override
    public String toString() {
        return "NewAccount[" + email + ", " + verification + ", password redacted]";
    }
}
