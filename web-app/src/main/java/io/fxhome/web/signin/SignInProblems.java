package io.fxhome.web.signin;

import java.time.Duration;
import java.util.Map;

import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.SyncException;
import io.fxhome.web.problem.Problem;

/**
 * Turns what Mozilla's accounts service answered into a message the user can act on, and a code a client can branch
 * on. Refusals that password sign-in can never get past (a browser check, an account without a password) point to the
 * sign-in on Mozilla's page ({@code "signInOnMozilla": true}); none of them is retried by fxhome.
 */
public final class SignInProblems {
    private static final Map<String, Object> OFFER_BROWSER_SIGN_IN = Map.of("signInOnMozilla", true);

    private SignInProblems() {
    }

    public static Problem of(SyncException e) {
        if (!(e instanceof FxaException fxa)) {
            return switch (e.status()) {
                case NETWORK -> new Problem(503, "upstream-unreachable", "Mozilla's accounts service unreachable",
                        "fxhome could not reach Mozilla's accounts service. Try again in a moment.");
                default -> new Problem(502, "upstream-error", "Mozilla's accounts service error",
                        "Mozilla's accounts service gave an answer fxhome did not understand. Try again later.");
            };
        }
        Duration retry = fxa.retryAfter().orElse(null);
        return switch (fxa.kind()) {
            case UNKNOWN_ACCOUNT -> new Problem(401, "unknown-account", "Unknown account",
                    "There is no Mozilla account with this email address.");
            case INCORRECT_PASSWORD -> new Problem(401, "incorrect-password", "Incorrect password",
                    "The password is incorrect.");
            case INCORRECT_EMAIL_CASE -> new Problem(401, "incorrect-email-case", "Use your original email",
                    "Sign in with the email address you created your Mozilla account with.");
            case THROTTLED -> new Problem(429, "throttled", "Too many attempts",
                    "Mozilla has seen too many attempts for this account. Try again " + in(retry) + ".", retry, null);
            case BLOCKED -> new Problem(403, "blocked", "Sign-in blocked",
                    "Mozilla blocked this sign-in as unusual. Sign in on Mozilla's page instead, or try again later.",
                    null, OFFER_BROWSER_SIGN_IN);
            case INVALID_UNBLOCK_CODE -> invalidUnblockCode();
            case BROWSER_CHECK -> new Problem(403, "browser-check", "Mozilla asked for a browser check",
                    "Mozilla asked for a browser check, which only a browser can pass: sign in on Mozilla's page instead.",
                    null, OFFER_BROWSER_SIGN_IN);
            case NO_PASSWORD -> new Problem(403, "no-password", "This account has no password",
                    "Your Mozilla account signs in with Google, Apple or a passkey, so it has no password fxhome could use. "
                            + "Sign in on Mozilla's page instead.",
                    null, OFFER_BROWSER_SIGN_IN);
            case UNVERIFIED -> new Problem(403, "unverified", "Not confirmed yet",
                    "Confirm this sign-in first (the code or the link Mozilla emailed you), then continue.");
            case INVALID_CODE -> new Problem(401, "invalid-code", "Wrong code", "That code is not right, or has expired.");
            case SERVER_ERROR -> new Problem(503, "upstream-unavailable", "Mozilla's accounts service unavailable",
                    "Mozilla's accounts service is having trouble right now. Try again " + in(retry) + ".", retry, null);
            case CLIENT_DISABLED -> new Problem(503, "client-disabled", "Sign-in disabled",
                    "Mozilla does not accept sign-ins from the client id this fxhome server presents (errno 204). The "
                            + "operator can set another one: fxhome.fxa.client-id for password sign-in, "
                            + "fxhome.fxa.browser-client-id for sign-in on Mozilla's page (see docs/sign-in.md).");
            case STATE_MISMATCH -> new Problem(400, "state-mismatch", "Not this sign-in",
                    "That address is not from the sign-in fxhome started here (or it expired). Paste the address of the "
                            + "page Mozilla showed after this sign-in, or start again.");
            case KEY_MISMATCH -> new Problem(403, "key-mismatch", "Sign-in refused",
                    "The Sync key that came back does not belong to the account Mozilla signed in. Nothing was linked. "
                            + "Start again on Mozilla's page.");
            case INVALID_TOKEN -> new Problem(401, "expired", "Sign-in expired", "This sign-in has expired. Sign in again.");
            default -> new Problem(502, "upstream-error", "Mozilla's accounts service error",
                    "Mozilla's accounts service refused the sign-in (errno " + fxa.errno() + "). Try again later.");
        };
    }

    static Problem invalidUnblockCode() {
        return new Problem(401, "invalid-unblock-code", "Wrong unblock code",
                "That unblock code is not right, or has expired. Use the code in Mozilla's latest email, or send another.");
    }

    static Problem expired() {
        return new Problem(410, "sign-in-expired", "Sign-in expired",
                "This sign-in has expired or was already used. Sign in again.");
    }

    static Problem busy() {
        return new Problem(409, "sign-in-busy", "One moment",
                "This sign-in is already taking its next step. Wait a moment, then try again.", Duration.ofSeconds(2), null);
    }

    static String in(Duration retry) {
        if (retry == null) {
            return "later";
        }
        long s = Math.max(1, retry.toSeconds());
        return s < 120 ? "in " + s + " seconds" : "in " + ((s + 59) / 60) + " minutes";
    }
}
