package io.fxhome.sync.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A Firefox Accounts auth-server error ({@code {"code", "errno", "error", "message"}}), mapped to a {@link Kind}
 * that a UI or worker can act on. The message holds the route, the status, the errno and the server's own English
 * message, never anything we sent.
 */
public final class FxaException extends SyncException {

    /** What went wrong, in terms a caller can act on. */
    public enum Kind {
        /** errno 102: no account with that email. */
        UNKNOWN_ACCOUNT,
        /** errno 103: wrong password. */
        INCORRECT_PASSWORD,
        /** errno 120 even after retrying with the server's email. */
        INCORRECT_EMAIL_CASE,
        /** errno 114 or a non-JSON WAF 429: too many requests, see {@link #retryAfter()}. */
        THROTTLED,
        /**
         * errno 125: FxA blocked this sign-in as risky; {@link #verificationMethod()} says how to unblock it
         * ({@code email-captcha}: {@link io.fxhome.sync.fxa.FxaClient#sendUnblockCode}, then sign in again with the
         * code).
         */
        BLOCKED,
        /** errno 127: the unblock code is wrong or expired. */
        INVALID_UNBLOCK_CODE,
        /**
         * errno 210: the account has no password (created with Google, Apple or a passkey); only the browser sign-in
         * can link it.
         */
        NO_PASSWORD,
        /**
         * A non-JSON HTTP 406: the web application firewall in front of FxA answered with a browser challenge page
         * instead of FxA's answer. Use the browser sign-in; never retry in a loop.
         */
        BROWSER_CHECK,
        /**
         * The browser sign-in's key did not prove itself: the tokenserver refused the key id for this account
         * ({@code invalid-client-state}, {@code invalid-keysChangedAt}, {@code invalid-key-id}), so the keys that came
         * back are not the account's Sync keys. Nothing was linked.
         */
        KEY_MISMATCH,
        /** errno 104 (account) / 138 (session): the email or the session is not verified yet. */
        UNVERIFIED,
        /**
         * errno 110, a 401, and refusals of a refresh token (400 errno 108/109): the token we used is invalid, expired
         * or revoked; the user must sign in again.
         */
        INVALID_TOKEN,
        /** errno 111: our Hawk timestamp was outside the server's window (retried once internally). */
        INVALID_TIMESTAMP,
        /** errno 105/152/153/183 or a TOTP answer of {@code success: false}: the code the user typed is wrong. */
        INVALID_CODE,
        /** 5xx, errno 201/202/203: the service is unavailable, retry later. */
        SERVER_ERROR,
        /** errno 204: this client id was disabled by Mozilla. */
        CLIENT_DISABLED,
        /** The OAuth redirect carried a state we did not issue. */
        STATE_MISMATCH,
        /** Anything else, with the errno kept for diagnosis. */
        UNEXPECTED
    }

    private final Kind kind;
    private final int errno;
    private final int httpStatus;
    private final Duration retryAfter;
    private final String route;
    private final String verificationMethod;

    public FxaException(Kind kind, String route, int httpStatus, int errno, String serverMessage,
            Duration retryAfter, String verificationMethod) {
        super(describe(kind, route, httpStatus, errno, serverMessage, retryAfter));
        this.kind = kind;
        this.errno = errno;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.route = route;
        this.verificationMethod = verificationMethod;
    }

    private static String describe(Kind kind, String route, int httpStatus, int errno, String serverMessage,
            Duration retryAfter) {
        StringBuilder s = new StringBuilder("Firefox Accounts ").append(route).append(" failed: ").append(kind);
        if (httpStatus > 0) {
            s.append(" (HTTP ").append(httpStatus);
            if (errno > 0) {
                s.append(", errno ").append(errno);
            }
            s.append(')');
        }
        if (serverMessage != null && !serverMessage.isBlank()) {
            s.append(": ").append(serverMessage);
        }
        if (retryAfter != null) {
            s.append("; retry after ").append(retryAfter.toSeconds()).append(" s");
        }
        return s.toString();
    }

    public Kind kind() {
        return kind;
    }

    /** The FxA errno, 0 when the answer had none (firewall pages, network-level HTTP errors). */
    public int errno() {
        return errno;
    }

    /** The HTTP status, 0 when the failure was not an HTTP answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** How long the server wants us to wait (body {@code retryAfter} or {@code Retry-After} header). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public String route() {
        return route;
    }

    /** For {@link Kind#BLOCKED}: how the server wants the sign-in unblocked (e.g. {@code email-captcha}). */
    public Optional<String> verificationMethod() {
        return Optional.ofNullable(verificationMethod);
    }

    @Override
    public SyncStatus status() {
        switch (kind) {
            case THROTTLED:
                return SyncStatus.BACKED_OFF;
            case SERVER_ERROR:
                return retryAfter != null ? SyncStatus.BACKED_OFF : SyncStatus.SERVICE;
            case BROWSER_CHECK:
                // The firewall's answer, not FxA's verdict on our credentials: never a reason to drop a link.
                return SyncStatus.SERVICE;
            case UNKNOWN_ACCOUNT:
            case INCORRECT_PASSWORD:
            case INCORRECT_EMAIL_CASE:
            case BLOCKED:
            case INVALID_UNBLOCK_CODE:
            case NO_PASSWORD:
            case KEY_MISMATCH:
            case UNVERIFIED:
            case INVALID_TOKEN:
            case INVALID_CODE:
                return SyncStatus.AUTH;
            default:
                return SyncStatus.OTHER;
        }
    }
}
