package io.fxhome.sandbox.fxa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fxhome.sandbox.IssuedSecretLog;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.crypto.Hex;
import io.fxhome.sandbox.crypto.Totp;
import io.fxhome.sandbox.faults.FaultPlan;
import io.fxhome.sandbox.http.Json;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Sign-in (§2.4), session verification (§2.5) and the key fetch (§2.6). */
final class SignInHandlers {
    private final Sandbox sandbox;
    private final FxaAuthenticator auth;

    SignInHandlers(Sandbox sandbox, FxaAuthenticator auth) {
        this.sandbox = sandbox;
        this.auth = auth;
    }

    /** {@code POST /v1/account/login[?keys=true]}. */
    Object login(RoutingContext ctx) throws FxaError {
        FxaRequest req = FxaRequest.of(ctx);
        String email = req.required("email");
        byte[] authPW = req.requiredHex("authPW", 32);
        Optional<Sandbox.AccountState> found = sandbox.findByEmail(email);
        String uid = found.map(s -> s.account().uid()).orElse(null);
        applySignInFaults(ctx, uid);
        if (found.isEmpty()) {
            throw FxaError.unknownAccount(email);
        }
        Account account = found.get().account();
        byte[] wrapKB = account.checkPassword(authPW);
        if (wrapKB == null) {
            if (!email.equals(account.saltEmail())) {
                throw FxaError.incorrectEmailCase(account.saltEmail());
            }
            throw FxaError.incorrectPassword(email);
        }
        boolean keys = "true".equals(ctx.queryParams().get("keys"));
        return newSession(account, wrapKB, keys);
    }

    private void applySignInFaults(RoutingContext ctx, String uid) throws FxaError {
        FxaRoutes.applyFaults(sandbox, ctx, uid);
        int retryAfter = sandbox.takeFault(uid, (FaultPlan p) -> p.signInThrottled);
        if (retryAfter >= 0) {
            throw FxaError.throttled(retryAfter);
        }
        if (sandbox.takeFault(uid, (FaultPlan p) -> p.signInBlocked) >= 0) {
            throw FxaError.requestBlocked();
        }
    }

    private ObjectNode newSession(Account account, byte[] wrapKB, boolean keys) {
        long authAt = sandbox.now() / 1000;
        VerificationMode mode = account.verificationMode();
        FxaTokens.Issued<SessionToken> session = sandbox.fxaTokens().newSession(account.uid(), authAt,
                mode == VerificationMode.NONE);
        ObjectNode o = Json.object();
        o.put("uid", account.uid()).put("sessionToken", session.tokenHex());
        sandbox.issuedSecretLog().record(account.uid(), IssuedSecretLog.Kind.SESSION_TOKEN, session.tokenHex());
        if (keys) {
            String keyFetchToken = sandbox.fxaTokens().newKeyFetchToken(account.uid(), session.token().tokenId(),
                    account.kA(), wrapKB).tokenHex();
            sandbox.issuedSecretLog().record(account.uid(), IssuedSecretLog.Kind.KEY_FETCH_TOKEN, keyFetchToken);
            o.put("keyFetchToken", keyFetchToken);
        }
        boolean verified = session.token().verified();
        o.put("verified", verified).put("authAt", authAt).put("metricsEnabled", true).put("emailVerified", true)
                .put("sessionVerified", verified);
        if (!verified) {
            o.put("verificationMethod", mode.wireName()).put("verificationReason", "login");
            if (mode == VerificationMode.EMAIL_OTP) {
                sendCode(account, session.token());
            }
        }
        return o;
    }

    private void sendCode(Account account, SessionToken session) {
        String code = String.format(Locale.ROOT, "%06d", sandbox.random().nextInt(1_000_000));
        session.emailCode(code);
        sandbox.emailOutbox().send(new OutboxEmail(account.primaryEmail(), "verifyLoginCode",
                "Use " + code + " to confirm your sign-in", code, Instant.ofEpochMilli(sandbox.now())));
    }

    /** {@code POST /v1/account/status}: does an account exist for this e-mail. */
    Object accountStatus(RoutingContext ctx) throws FxaError {
        String email = FxaRequest.of(ctx).required("email");
        return Json.object().put("exists", sandbox.findByEmail(email).isPresent());
    }

    /** {@code POST /v1/account/credentials/status}: sandbox accounts have v1 credentials only. */
    Object credentialsStatus(RoutingContext ctx) throws FxaError {
        String email = FxaRequest.of(ctx).required("email");
        if (sandbox.findByEmail(email).isEmpty()) {
            throw FxaError.unknownAccount(email);
        }
        return Json.object().put("upgradeNeeded", false).put("currentVersion", "v1");
    }

    private SessionToken session(RoutingContext ctx) throws FxaError {
        String id = auth.authenticate(ctx, FxaAuthenticator.Kind.SESSION);
        SessionToken s = sandbox.fxaTokens().session(id);
        if (s == null) {
            throw FxaError.invalidToken("Invalid authentication token: Unknown credentials");
        }
        FxaRoutes.applyFaults(sandbox, ctx, s.uid());
        return s;
    }

    private Account account(SessionToken s) throws FxaError {
        return sandbox.findByUid(s.uid()).map(Sandbox.AccountState::account)
                .orElseThrow(() -> FxaError.invalidToken("Invalid authentication token: Unknown credentials"));
    }

    /**
     * {@code GET /v1/account/keys}: the keyFetchToken is consumed by this request whatever its outcome; an
     * unverified session gets errno 104 and has to re-authenticate for a new token.
     */
    Object accountKeys(RoutingContext ctx) throws FxaError {
        String id = auth.authenticate(ctx, FxaAuthenticator.Kind.KEY_FETCH);
        KeyFetchToken token = sandbox.fxaTokens().consumeKeyFetchToken(id);
        if (token == null) {
            throw FxaError.invalidToken("Invalid authentication token: Unknown credentials");
        }
        FxaRoutes.applyFaults(sandbox, ctx, token.uid());
        SessionToken session = sandbox.fxaTokens().session(token.sessionTokenId());
        if (session == null || !session.verified()) {
            throw FxaError.unverifiedAccount();
        }
        return Json.object().put("bundle", Hex.encode(token.bundle()));
    }

    /** {@code GET /v1/session/status}. */
    Object sessionStatus(RoutingContext ctx) throws FxaError {
        SessionToken s = session(ctx);
        Account a = account(s);
        ObjectNode o = Json.object();
        o.put("state", s.verified() ? "verified" : "unverified").put("uid", s.uid());
        ObjectNode details = o.putObject("details");
        details.put("accountEmailVerified", true);
        if (s.verified()) {
            details.putNull("sessionVerificationMethod");
        } else {
            details.put("sessionVerificationMethod", a.verificationMode().wireName());
        }
        details.put("sessionVerified", s.verified()).put("mustVerify", a.verificationMode() != VerificationMode.NONE)
                .put("sessionVerificationMeetsMinimumAAL", true);
        return o;
    }

    /** {@code POST /v1/session/verify_code}: the 6-digit code of the sign-in e-mail. */
    Object verifyCode(RoutingContext ctx) throws FxaError {
        SessionToken s = session(ctx);
        String code = FxaRequest.of(ctx).required("code");
        if (s.verified()) {
            return Json.object();
        }
        String expected = s.emailCode();
        if (expected == null || !expected.equals(code)) {
            throw FxaError.invalidOtpCode();
        }
        s.markVerified();
        return Json.object();
    }

    /** {@code POST /v1/session/resend_code}. */
    Object resendCode(RoutingContext ctx) throws FxaError {
        SessionToken s = session(ctx);
        Account a = account(s);
        if (!s.verified() && a.verificationMode() == VerificationMode.EMAIL_OTP) {
            sendCode(a, s);
        }
        return Json.object();
    }

    /** {@code POST /v1/session/verify/totp}: {@code {"success": true|false}}. */
    Object verifyTotp(RoutingContext ctx) throws FxaError {
        SessionToken s = session(ctx);
        String code = FxaRequest.of(ctx).required("code");
        byte[] secret = account(s).totpSecret();
        if (secret == null) {
            throw FxaError.totpNotFound();
        }
        boolean ok = Totp.verify(secret, code, sandbox.clock().instant());
        if (ok) {
            s.markVerified();
        }
        return Json.object().put("success", ok);
    }

    /** {@code POST /v1/session/reauth[?keys=true]}: password again, a fresh keyFetchToken for the same session. */
    Object reauth(RoutingContext ctx) throws FxaError {
        SessionToken s = session(ctx);
        FxaRequest req = FxaRequest.of(ctx);
        String email = req.required("email");
        byte[] authPW = req.requiredHex("authPW", 32);
        Account a = account(s);
        byte[] wrapKB = a.checkPassword(authPW);
        if (wrapKB == null) {
            if (!email.equals(a.saltEmail())) {
                throw FxaError.incorrectEmailCase(a.saltEmail());
            }
            throw FxaError.incorrectPassword(email);
        }
        ObjectNode o = Json.object();
        o.put("uid", a.uid());
        if ("true".equals(ctx.queryParams().get("keys"))) {
            String keyFetchToken = sandbox.fxaTokens().newKeyFetchToken(a.uid(), s.tokenId(), a.kA(), wrapKB)
                    .tokenHex();
            sandbox.issuedSecretLog().record(a.uid(), IssuedSecretLog.Kind.KEY_FETCH_TOKEN, keyFetchToken);
            o.put("keyFetchToken", keyFetchToken);
        }
        o.put("verified", s.verified()).put("authAt", sandbox.now() / 1000).put("metricsEnabled", true);
        if (!s.verified()) {
            o.put("verificationMethod", a.verificationMode().wireName()).put("verificationReason", "login");
        }
        return o;
    }

    /** {@code POST /v1/session/destroy}. */
    Object destroySession(RoutingContext ctx) throws FxaError {
        SessionToken s = session(ctx);
        sandbox.fxaTokens().destroySession(s.tokenId());
        return Json.object();
    }
}
