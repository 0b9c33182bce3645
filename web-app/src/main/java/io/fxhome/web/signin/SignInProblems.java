package io.fxhome.web.signin;

import java.time.Duration;
import java.util.Map;

import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.SyncException;
import io.fxhome.web.problem.Problem;

/** Turns what Firefox Accounts answered into a message the user can act on, and a status a client can branch on. */
public final class SignInProblems {
    private SignInProblems() {
    }

    public static Problem of(SyncException e) {
        if (!(e instanceof FxaException fxa)) {
            return switch (e.status()) {
                case NETWORK -> new Problem(503, "upstream-unreachable", "Firefox Accounts unreachable",
                        "fxhome could not reach Firefox Accounts. Try again in a moment.");
                default -> new Problem(502, "upstream-error", "Firefox Accounts error",
                        "Firefox Accounts gave an answer fxhome did not understand. Try again later.");
            };
        }
        Duration retry = fxa.retryAfter().orElse(null);
        return switch (fxa.kind()) {
            case UNKNOWN_ACCOUNT -> new Problem(401, "unknown-account", "Unknown account",
                    "There is no Firefox Account with this email address.");
            case INCORRECT_PASSWORD -> new Problem(401, "incorrect-password", "Incorrect password",
                    "The password is incorrect.");
            case INCORRECT_EMAIL_CASE -> new Problem(401, "incorrect-email-case", "Use your original email",
                    "Sign in with the email address you created your Firefox Account with.");
            case THROTTLED -> new Problem(429, "throttled", "Too many attempts",
                    "Firefox Accounts has seen too many attempts for this account. Try again " + in(retry) + ".", retry, null);
            case BLOCKED -> new Problem(403, "blocked", "Sign-in blocked",
                    "Firefox Accounts blocked this sign-in as unusual. Sign in once at accounts.firefox.com from this "
                            + "network, or sign in again with the unblock code it emails you.",
                    null, fxa.verificationMethod().map(m -> Map.<String, Object>of("verificationMethod", m)).orElse(null));
            case UNVERIFIED -> new Problem(403, "unverified", "Not confirmed yet",
                    "Confirm this sign-in first (the code or the link Firefox Accounts emailed you), then continue.");
            case INVALID_CODE -> new Problem(401, "invalid-code", "Wrong code", "That code is not right, or has expired.");
            case SERVER_ERROR -> new Problem(503, "upstream-unavailable", "Firefox Accounts unavailable",
                    "Firefox Accounts is having trouble right now. Try again " + in(retry) + ".", retry, null);
            case CLIENT_DISABLED -> new Problem(503, "client-disabled", "Sign-in disabled",
                    "Firefox Accounts does not accept sign-ins from this fxhome server's client id at the moment.");
            case STATE_MISMATCH -> new Problem(400, "state-mismatch", "Sign-in expired",
                    "This sign-in attempt is not the one fxhome started (or it expired). Start again.");
            case INVALID_TOKEN -> new Problem(401, "expired", "Sign-in expired", "This sign-in has expired. Sign in again.");
            default -> new Problem(502, "upstream-error", "Firefox Accounts error",
                    "Firefox Accounts refused the sign-in (errno " + fxa.errno() + "). Try again later.");
        };
    }

    static String in(Duration retry) {
        if (retry == null) {
            return "later";
        }
        long s = Math.max(1, retry.toSeconds());
        return s < 120 ? "in " + s + " seconds" : "in " + ((s + 59) / 60) + " minutes";
    }
}
