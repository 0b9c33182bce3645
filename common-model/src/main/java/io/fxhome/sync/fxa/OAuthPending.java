package io.fxhome.sync.fxa;

import io.fxhome.sync.crypto.Bytes;

/**
 * What must survive between sending the user to FxA's authorization page and the redirect back: the {@code state},
 * the PKCE verifier and the ephemeral P-256 private key that {@code keys_jwe} is encrypted to. All secret; keep it
 * server-side (never in a cookie), for one attempt only.
 *
 * @param state the anti-CSRF state sent in the authorization URL
 * @param codeVerifier the PKCE verifier (43 base64url chars)
 * @param privateKey the 32-byte P-256 private scalar
 * @param redirectUri the redirect URI used
 */
public record OAuthPending(String state, String codeVerifier, byte[] privateKey, String redirectUri) {

    public OAuthPending {
        privateKey = privateKey.clone();
    }

    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    /** Overwrites the private key. */
    public void forget() {
        Bytes.wipe(privateKey);
    }

    @Override
    public String toString() {
        return "OAuthPending[state=<redacted>, codeVerifier=<redacted>, privateKey=<redacted>, redirectUri="
                + redirectUri + "]";
    }
}
