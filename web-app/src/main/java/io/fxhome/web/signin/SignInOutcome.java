package io.fxhome.web.signin;

import java.time.Instant;

import io.fxhome.sync.fxa.VerificationMethod;

/** Where a sign-in stands after a step: linked (sign the browser in), or waiting for the user to confirm. */
public sealed interface SignInOutcome permits SignInOutcome.Linked, SignInOutcome.NeedsVerification {

    record Linked(AccountLinker.Linked account) implements SignInOutcome {
    }

    /**
     * @param handle    the pending sign-in's random handle (the secrets stay in this process's memory)
     * @param method    what Firefox Accounts asked for
     * @param expiresAt when the pending sign-in is forgotten
     */
    record NeedsVerification(String handle, VerificationMethod method, Instant expiresAt) implements SignInOutcome {
        public boolean expectsCode() {
            return method.expectsCode();
        }

        public String message() {
            return method.nextStep();
        }
    }
}
