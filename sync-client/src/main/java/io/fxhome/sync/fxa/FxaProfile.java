package io.fxhome.sync.fxa;

/**
 * Who an access token belongs to, as the profile server says ({@code GET <profile-url>/v1/profile}).
 *
 * @param uid the FxA user id (32 hex)
 * @param email the account's primary email
 */
public record FxaProfile(String uid, String email) {
    @Override
    public String toString() {
        return "FxaProfile[uid=" + uid + ", email=<redacted>]";
    }
}
