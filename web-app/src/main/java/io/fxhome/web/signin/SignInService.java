package io.fxhome.web.signin;

import java.time.Duration;
import java.util.Map;

import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.SyncException;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.sync.fxa.LinkedAccount;
import io.fxhome.sync.fxa.PendingSignIn;
import io.fxhome.sync.fxa.SignInOptions;
import io.fxhome.sync.fxa.SignInResult;
import io.fxhome.sync.fxa.VerificationMethod;
import io.fxhome.web.config.WebConfig;
import io.fxhome.web.problem.Problem;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Password sign-in through fxhome's FxA client: rate limits, the password step, the code step, and linking. Used by
 * the JSON API and the HTML4 form alike; every failure is a {@link Problem} with a message for the user.
 */
@ApplicationScoped
public class SignInService {
    private final FxaClient fxa;
    private final PendingSignIns pendings;
    private final SignInRateLimiter limiter;
    private final AccountLinker linker;
    private final WebConfig.SignIn config;

    public SignInService(FxaClient fxa, PendingSignIns pendings, SignInRateLimiter limiter, AccountLinker linker, WebConfig config) {
        this.fxa = fxa;
        this.pendings = pendings;
        this.limiter = limiter;
        this.linker = linker;
        this.config = config.signIn();
    }

    /** The password step. The password is used for the request and not kept. */
    public SignInOutcome signIn(String email, String password, String unblockCode, String clientAddress) {
        if (email == null || email.isBlank() || !email.contains("@") || email.length() > 255) {
            throw new Problem(400, "invalid-email", "Email needed", "Enter the email address of your Firefox Account.");
        }
        if (password == null || password.isEmpty() || password.length() > 1024) {
            throw new Problem(400, "invalid-password", "Password needed", "Enter your Firefox Account password.");
        }
        String trimmed = email.trim();
        limiter.attempt(clientAddress, trimmed).ifPresent(wait -> {
            throw new Problem(429, "rate-limited", "Too many sign-in attempts",
                    "Too many sign-in attempts from here or for this account. Try again " + SignInProblems.in(wait) + ".", wait, null);
        });
        SignInOptions options = SignInOptions.defaults();
        if (unblockCode != null && !unblockCode.isBlank()) {
            options = options.withUnblockCode(unblockCode.trim());
        }
        SignInResult result;
        try {
            result = fxa.signIn(trimmed, password, options);
        } catch (SyncException e) {
            Log.infof("sign-in refused by Firefox Accounts: %s", kindOf(e));
            throw SignInProblems.of(e);
        }
        if (result instanceof SignInResult.VerificationRequired v) {
            String handle = pendings.add(v.pending());
            return new SignInOutcome.NeedsVerification(handle, v.method(), pendings.expiresAt(handle));
        }
        return link(result.pending(), null);
    }

    /**
     * The code step: a code for {@code email-otp}/{@code email-2fa}/{@code totp-2fa}; for link-style methods no code,
     * the session's status is asked instead. A wrong code may be retried a few times; the pending sign-in stays.
     */
    public SignInOutcome verify(String handle, String code) {
        PendingSignIns.Entry entry = pendings.get(handle).orElseThrow(() -> new Problem(410, "sign-in-expired",
                "Sign-in expired", "This sign-in has expired or was already used. Sign in again."));
        synchronized (entry) {
            PendingSignIn pending = entry.pending;
            if (pending.isForgotten()) {
                throw new Problem(410, "sign-in-expired", "Sign-in expired", "This sign-in was already used. Sign in again.");
            }
            VerificationMethod method = pending.verificationMethod().orElse(VerificationMethod.UNKNOWN);
            if (!pending.verified()) {
                try {
                    if (method.expectsCode()) {
                        if (code == null || !code.trim().matches("[0-9A-Za-z]{4,16}")) {
                            throw new Problem(400, "code-required", "Code needed", method.nextStep());
                        }
                        if (method == VerificationMethod.TOTP_2FA) {
                            fxa.verifyTotp(pending, code);
                        } else {
                            fxa.verifyEmailCode(pending, code);
                        }
                    } else if (!fxa.sessionStatus(pending).verified()) {
                        throw new Problem(403, "unverified", "Not confirmed yet", method.nextStep());
                    }
                } catch (FxaException e) {
                    if (e.kind() == FxaException.Kind.INVALID_CODE) {
                        int wrong = entry.wrongCodes.incrementAndGet();
                        if (wrong >= config.maxCodeAttempts()) {
                            pendings.drop(handle);
                            throw new Problem(401, "invalid-code", "Wrong code",
                                    "That code is not right. Too many wrong codes: sign in again.", null, Map.of("attemptsLeft", 0));
                        }
                        throw new Problem(401, "invalid-code", "Wrong code", "That code is not right, or has expired.",
                                null, Map.of("attemptsLeft", config.maxCodeAttempts() - wrong));
                    }
                    throw SignInProblems.of(e);
                } catch (SyncException e) {
                    throw SignInProblems.of(e);
                }
            }
            return link(pending, handle);
        }
    }

    /** Asks Firefox Accounts to send the code again. */
    public void resendCode(String handle) {
        PendingSignIns.Entry entry = pendings.get(handle).orElseThrow(() -> new Problem(410, "sign-in-expired",
                "Sign-in expired", "This sign-in has expired. Sign in again."));
        try {
            fxa.resendVerificationCode(entry.pending);
        } catch (SyncException e) {
            throw SignInProblems.of(e);
        }
    }

    public Duration pendingTtl() {
        return config.pendingTtl();
    }

    private SignInOutcome link(PendingSignIn pending, String handle) {
        LinkedAccount linked;
        try {
            linked = fxa.completeLink(pending);
        } catch (SyncException e) {
            // kB (if fetched) stays with the pending sign-in, so "continue" can retry without a new password.
            Log.infof("linking failed: %s", kindOf(e));
            throw SignInProblems.of(e);
        } catch (IllegalStateException e) {
            if (handle != null) {
                pendings.drop(handle);
            }
            throw new Problem(410, "sign-in-expired", "Sign-in expired", "This sign-in cannot be completed any more. Sign in again.");
        }
        if (handle != null) {
            pendings.drop(handle);
        }
        return new SignInOutcome.Linked(linker.link(linked.uid(), linked.email(), linked));
    }

    private static String kindOf(SyncException e) {
        return e instanceof FxaException f ? f.kind() + " (HTTP " + f.httpStatus() + ", errno " + f.errno() + ")" : e.status().name();
    }
}
