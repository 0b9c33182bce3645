package io.fxhome.sync.fxa;

/**
 * {@code GET /v1/session/status}.
 *
 * @param verified {@code state == "verified"}
 * @param uid the account uid
 * @param accountEmailVerified from {@code details}, null when the server omitted it
 * @param sessionVerified from {@code details}, null when the server omitted it
 */
public record SessionStatus(boolean verified, String uid, Boolean accountEmailVerified, Boolean sessionVerified) {
}
