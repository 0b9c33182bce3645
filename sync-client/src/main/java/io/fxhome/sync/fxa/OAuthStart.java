package io.fxhome.sync.fxa;

import java.net.URI;

/**
 * The first half of the OAuth code flow: where to send the user, and what to keep until they come back.
 *
 * @param authorizationUrl {@code <contentUrl>/authorization?...} to redirect the browser to
 * @param pending the secrets to keep for {@link OAuthCodeFlow#complete}
 */
public record OAuthStart(URI authorizationUrl, OAuthPending pending) {
}
