package io.fxhome.sync.fxa;

/**
 * The outcome of {@link FxaClient#signIn}: either ready to link, or a verification step the user must do first
 * (this is a normal next step, not an error).
 */
public sealed interface SignInResult permits SignInResult.SignedIn, SignInResult.VerificationRequired {

    PendingSignIn pending();

    /** The session is verified: call {@link FxaClient#completeLink(PendingSignIn)}. */
    record SignedIn(PendingSignIn pending) implements SignInResult {
    }

    /**
     * The session must be verified first: by a code ({@link FxaClient#verifyEmailCode},
     * {@link FxaClient#verifyTotp}) or a link (then poll {@link FxaClient#sessionStatus}).
     *
     * @param method what the server asked for
     * @param reason {@code login}, {@code signup} or {@code change_password}, or null
     */
    record VerificationRequired(PendingSignIn pending, VerificationMethod method, String reason)
            implements
                SignInResult {
        /** One sentence for the user. */
        public String nextStep() {
            return method.nextStep();
        }
    }
}
