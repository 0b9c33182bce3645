package io.fxhome.web.signin.api;

import java.time.Instant;

/**
 * The answer of {@code POST /api/v1/session/browser}: where to send the person, until when this sign-in waits, and
 * whether Mozilla sends the browser back to fxhome by itself ({@code false}: the person pastes the address of the page
 * they land on into {@code POST /api/v1/session/browser/complete}).
 */
public record BrowserSignInStart(String authorizationUrl, Instant expiresAt, boolean returnsByItself) {
    /** The address carries the sign-in's OAuth state. */
    @Override
    public String toString() {
        return "BrowserSignInStart[authorizationUrl=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
