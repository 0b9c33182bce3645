package io.fxhome.sync.fxa;

import java.time.Duration;
import java.time.Instant;

/**
 * An FxA OAuth access token for the oldsync scope, sent as {@code Authorization: Bearer} to the tokenserver.
 *
 * @param token the bearer token (secret)
 * @param expiresAt local time after which it should be refreshed
 * @param scope the granted scopes, space-separated
 */
public record AccessToken(String token, Instant expiresAt, String scope) {

    /** True when it expires within {@code margin} of {@code now}. */
    public boolean expiresWithin(Duration margin, Instant now) {
        return !now.plus(margin).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "AccessToken[<redacted>, expiresAt=" + expiresAt + ", scope=" + scope + "]";
    }
}
