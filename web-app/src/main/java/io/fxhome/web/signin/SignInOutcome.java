package io.fxhome.web.signin;

import java.time.Instant;

import io.fxhome.sync.fxa.VerificationMethod;

/** Where a sign-in stands after a step: linked (sign the browser in), or waiting for the user. */
public sealed interface SignInOutcome
        permits SignInOutcome.Linked, SignInOutcome.NeedsVerification, SignInOutcome.NeedsUnblockCode {

    record Linked(AccountLinker.Linked account) implements SignInOutcome {
    }

    /**
     * @param handle the pending sign-in's random handle (its secrets stay sealed on the server)
     * @param method what Mozilla asked for
     * @param expiresAt when the pending sign-in is forgotten
     */
    record NeedsVerification(String handle, VerificationMethod method, Instant expiresAt) implements SignInOutcome {
        public boolean expectsCode() {
            return method.expectsCode();
        }

        public String message() {
            return method.nextStep();
        }

        @Override
        public String toString() {
            return "NeedsVerification[handle=<redacted>, method=" + method + "]";
        }
    }

    /**
     * Mozilla blocked the sign-in as unusual and emailed an unblock code; the client signs in again with it.
     *
     * @param handle names the blocked sign-in, to send another code
     */
    record NeedsUnblockCode(String handle, String email, Instant expiresAt) implements SignInOutcome {
        public String message() {
            return "Mozilla blocked this sign-in because it comes from a server it does not know, and emailed an unblock "
                    + "code to " + email + ". Enter that code with your password to continue.";
        }

        @Override
        public String toString() {
            return "NeedsUnblockCode[handle=<redacted>]";
        }
    }
}
