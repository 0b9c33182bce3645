package io.fxhome.web.signin.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fxhome.web.account.AccountView;

/**
 * The answer of the sign-in calls: either {@code status = "signed-in"} with the account and the CSRF token to send
 * as {@code X-CSRF-Token} on every state-changing call, or {@code status = "verification-required"} with the
 * verification method, a message for the user and the pending sign-in's handle.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionAnswer(String status, AccountView account, String csrfToken, String firstSync, String method,
        Boolean expectsCode, String message, String pendingSignIn, Instant expiresAt, Boolean oauth) {

    public static SessionAnswer signedIn(AccountView account, String csrfToken, String firstSync) {
        return new SessionAnswer("signed-in", account, csrfToken, firstSync, null, null, null, null, null, null);
    }

    public static SessionAnswer verificationRequired(String method, boolean expectsCode, String message, String handle, Instant expiresAt) {
        return new SessionAnswer("verification-required", null, null, null, method, expectsCode, message, handle, expiresAt, null);
    }

    public static SessionAnswer signedOut(boolean oauth) {
        return new SessionAnswer("signed-out", null, null, null, null, null, null, null, null, oauth);
    }
}
