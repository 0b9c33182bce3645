package io.fxhome.web.signin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

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
import io.fxhome.web.signin.pending.PendingKind;
import io.fxhome.web.signin.pending.PendingSignInStore;
import io.quarkus.logging.Log;

/**
 * Password sign-in through fxhome's FxA client: rate limits, the password step, the unblock step, the code step, and
 * linking. Used by the JSON API and the HTML4 form alike; every failure is a {@link Problem} with a message for the
 * user. Each waiting step lives in {@code pending_sign_in}, so the next one may reach any web instance.
 */
@ApplicationScoped
public class SignInService {
    private final FxaClient fxa;
    private final PendingSignIns pendings;
    private final PendingSignInStore store;
    private final SignInRateLimiter limiter;
    private final AccountLinker linker;
    private final WebConfig.SignIn config;

    public SignInService(FxaClient fxa, PendingSignIns pendings, PendingSignInStore store, SignInRateLimiter limiter,
            AccountLinker linker, WebConfig config) {
        this.fxa = fxa;
        this.pendings = pendings;
        this.store = store;
        this.limiter = limiter;
        this.linker = linker;
        this.config = config.signIn();
    }

    /**
     * The password step, or its repetition with the unblock code Mozilla emailed. The password is used for the
     * request and not kept. When Mozilla blocks the sign-in as unusual (errno 125), fxhome asks it to email an unblock
     * code and answers {@link SignInOutcome.NeedsUnblockCode}: the client sends email, password and that code again.
     */
    public SignInOutcome signIn(String email, String password, String unblockCode, String clientAddress) {
        if (email == null || email.isBlank() || !email.contains("@") || email.length() > 255) {
            throw new Problem(400, "invalid-email", "Email needed", "Enter the email address of your Firefox Account.");
        }
        if (password == null || password.isEmpty() || password.length() > 1024) {
            throw new Problem(400, "invalid-password", "Password needed", "Enter your Firefox Account password.");
        }
        String trimmed = email.trim();
        String code = unblockCode == null || unblockCode.isBlank() ? null : unblockCode.trim();
        if (code != null && !code.matches("[0-9A-Za-z]{4,16}")) {
            throw SignInProblems.invalidUnblockCode();
        }
        limit(clientAddress, trimmed);
        SignInOptions options = SignInOptions.defaults();
        if (code != null) {
            options = options.withUnblockCode(code);
        }
        SignInResult result;
        try {
            result = fxa.signIn(trimmed, password, options);
        } catch (FxaException e) {
            Log.infof("sign-in refused by Mozilla's accounts service: %s", kindOf(e));
            if (e.kind() == FxaException.Kind.BLOCKED && code == null) {
                return askForUnblockCode(trimmed);
            }
            throw SignInProblems.of(e);
        } catch (SyncException e) {
            Log.infof("sign-in failed: %s", kindOf(e));
            throw SignInProblems.of(e);
        }
        if (result instanceof SignInResult.VerificationRequired v) {
            PendingSignInStore.Stored stored = pendings.add(v.pending());
            v.pending().forget();
            return new SignInOutcome.NeedsVerification(stored.handle(), v.method(), stored.expiresAt());
        }
        return link(result.pending(), null);
    }

    /** Asks Mozilla to email another unblock code for the blocked sign-in behind the handle. */
    public void resendUnblockCode(String handle, String clientAddress) {
        String email = switch (store.claim(PendingKind.UNBLOCK, handle)) {
            case PendingSignInStore.Claim.Taken t -> new String(t.plaintext(), StandardCharsets.UTF_8);
            case PendingSignInStore.Claim.Busy b -> throw SignInProblems.busy();
            case PendingSignInStore.Claim.Missing m -> throw SignInProblems.expired();
        };
        try {
            limit(clientAddress, email);
            fxa.sendUnblockCode(email);
        } catch (SyncException e) {
            throw SignInProblems.of(e);
        } finally {
            store.release(handle);
        }
    }

    /**
     * The code step: a code for {@code email-otp}/{@code email-2fa}/{@code totp-2fa}; for link-style methods no code,
     * the session's status is asked instead. A wrong code may be retried a few times; the pending sign-in stays.
     */
    public SignInOutcome verify(String handle, String code) {
        PendingSignIns.Claimed claimed = pendings.claim(handle);
        PendingSignIn pending = claimed.pending();
        boolean settled = false;
        try {
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
                    if (e.kind() != FxaException.Kind.INVALID_CODE) {
                        throw SignInProblems.of(e);
                    }
                    settled = true;
                    int wrong = pendings.wrongCode(handle);
                    if (wrong >= config.maxCodeAttempts()) {
                        pendings.drop(handle);
                        throw new Problem(401, "invalid-code", "Wrong code",
                                "That code is not right. Too many wrong codes: sign in again.", null,
                                Map.of("attemptsLeft", 0));
                    }
                    throw new Problem(401, "invalid-code", "Wrong code", "That code is not right, or has expired.",
                            null, Map.of("attemptsLeft", config.maxCodeAttempts() - wrong));
                } catch (SyncException e) {
                    throw SignInProblems.of(e);
                }
            }
            SignInOutcome linked = link(pending, handle);
            settled = true;
            return linked;
        } finally {
            if (!settled) {
                // Whatever happened, the sign-in keeps what it learnt (verified, kB fetched) for the next try.
                if (pending.isForgotten()) {
                    pendings.drop(handle);
                } else {
                    pendings.save(handle, pending);
                }
            }
            pending.forget();
        }
    }

    /** Asks Mozilla to send the code again. */
    public void resendCode(String handle) {
        PendingSignIns.Claimed claimed = pendings.claim(handle);
        try {
            fxa.resendVerificationCode(claimed.pending());
        } catch (SyncException e) {
            throw SignInProblems.of(e);
        } finally {
            pendings.save(handle, claimed.pending());
            claimed.pending().forget();
        }
    }

    public Duration pendingTtl() {
        return config.pendingTtl();
    }

    private SignInOutcome askForUnblockCode(String email) {
        try {
            fxa.sendUnblockCode(email);
        } catch (SyncException e) {
            Log.infof("the unblock code could not be sent: %s", kindOf(e));
            throw SignInProblems.of(e);
        }
        PendingSignInStore.Stored stored = store.put(PendingKind.UNBLOCK, email.getBytes(StandardCharsets.UTF_8),
                config.pendingTtl());
        return new SignInOutcome.NeedsUnblockCode(stored.handle(), email, stored.expiresAt());
    }

    private void limit(String clientAddress, String email) {
        limiter.attempt(clientAddress, email).ifPresent(wait -> {
            throw new Problem(429, "rate-limited", "Too many sign-in attempts",
                    "Too many sign-in attempts from here or for this account. Try again " + SignInProblems.in(wait) + ".", wait,
                    null);
        });
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
            throw new Problem(410, "sign-in-expired", "Sign-in expired",
                    "This sign-in cannot be completed any more. Sign in again.");
        }
        if (handle != null) {
            pendings.drop(handle);
        }
        return new SignInOutcome.Linked(linker.link(linked.uid(), linked.email(), linked));
    }

    static String kindOf(SyncException e) {
        return e instanceof FxaException f ? f.kind() + " (HTTP " + f.httpStatus() + ", errno " + f.errno() + ")"
                : e.status().name();
    }
}
