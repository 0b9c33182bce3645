package io.fxhome.web.signin.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fxhome.web.account.AccountView;

/**
 * The answer of the sign-in calls: {@code status = "signed-in"} with the account and the CSRF token to send as
 * {@code X-CSRF-Token} on every state-changing call; {@code "verification-required"} with the verification method, a
 * message for the user and the pending sign-in's handle; or {@code "unblock-required"} when Mozilla blocked the
 * sign-in and emailed an unblock code (send email, password and {@code unblockCode} again).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionAnswer(String status, AccountView account, String csrfToken, String firstSync, String method,
        Boolean expectsCode, String message, String pendingSignIn, Instant expiresAt, String email) {

    public static SessionAnswer signedIn(AccountView account, String csrfToken, String firstSync) {
        return new SessionAnswer("signed-in", account, csrfToken, firstSync, null, null, null, null, null, null);
    }

    public static SessionAnswer verificationRequired(String method, boolean expectsCode, String message, String handle,
            Instant expiresAt) {
        return new SessionAnswer("verification-required", null, null, null, method, expectsCode, message, handle, expiresAt,
                null);
    }

    public static SessionAnswer unblockRequired(String message, String handle, Instant expiresAt, String email) {
        return new SessionAnswer("unblock-required", null, null, null, "unblock-code", true, message, handle, expiresAt, email);
    }

    public static SessionAnswer signedOut() {
        return new SessionAnswer("signed-out", null, null, null, null, null, null, null, null, null);
    }

    @Override
    public String toString() {
        return "SessionAnswer[status=" + status + ", csrfToken=<redacted>, pendingSignIn=<redacted>]";
    }
}
