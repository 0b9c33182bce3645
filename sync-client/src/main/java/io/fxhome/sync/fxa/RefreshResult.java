package io.fxhome.sync.fxa;

import java.util.Optional;

/**
 * The answer to a refresh-token grant ({@code POST /v1/oauth/token}, {@code grant_type=refresh_token}).
 *
 * @param accessToken the new access token
 * @param newRefreshToken a refresh token the server issued in place of the one sent, or {@code null} when it kept the
 *        old one (secret). When present the caller must store it instead of the old one, before anything else can fail:
 *        the old one may no longer be accepted.
 */
public record RefreshResult(AccessToken accessToken, String newRefreshToken) {

    public Optional<String> rotatedRefreshToken() {
        return Optional.ofNullable(newRefreshToken);
    }

    @Override
    public String toString() {
        return "RefreshResult[" + accessToken + ", rotated=" + (newRefreshToken != null) + "]";
    }
}
