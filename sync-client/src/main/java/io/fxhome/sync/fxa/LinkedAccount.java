package io.fxhome.sync.fxa;

import java.util.Optional;

/**
 * The result of linking an FxA account to fxhome.
 *
 * @param uid the FxA user id (32 hex): from the login answer, or after the browser sign-in from Mozilla's profile
 *        server for the access token (never from the keys)
 * @param email the email the user signed in with, or after the browser sign-in the account's primary email from the
 *        profile server
 * @param credentials what to store to sync later
 * @param accessToken the first access token, usable right away for the tokenserver (may be {@code null})
 */
public record LinkedAccount(String uid, String email, SyncCredentials credentials, AccessToken accessToken) {

    public Optional<AccessToken> firstAccessToken() {
        return Optional.ofNullable(accessToken);
    }

    @Override
    public String toString() {
        return "LinkedAccount[uid=" + uid + ", email=<redacted>, credentials=" + credentials + ", accessToken="
                + (accessToken == null ? "none" : "<redacted>") + "]";
    }
}
