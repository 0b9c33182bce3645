package io.fxhome.sandbox.fxa;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.crypto.Hex;
import io.fxhome.sandbox.crypto.Totp;
import io.fxhome.sandbox.faults.FaultPlan;
import io.fxhome.sandbox.faults.Faults;
import io.fxhome.sandbox.http.HttpSupport;
import io.fxhome.sandbox.http.Json;
import io.fxhome.sandbox.secrets.IssuedSecretLog;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Sign-in (§2.4), unblock codes, session verification (§2.5) and the key fetch (§2.6). */
final class SignInHandlers {
    private final FxaSettings settings;
    private final Clock clock;
    private final FxaAccounts accounts;
    private final FxaTokens sessions;
    private final UnblockCodes unblockCodes;
    private final EmailOutbox outbox;
    private final IssuedSecretLog issued;
    private final Faults faults;
    private final FxaAuthenticator auth;
    private final SecureRandom random;

    SignInHandlers(FxaSettings settings, FxaAccounts accounts, FxaTokens sessions, UnblockCodes unblockCodes,
            EmailOutbox outbox, IssuedSecretLog issued, Faults faults, FxaAuthenticator auth, SecureRandom random) {
        this.settings = settings;
        this.clock = settings.clock();
        this.accounts = accounts;
        this.sessions = sessions;
        this.unblockCodes = unblockCodes;
        this.outbox = outbox;
        this.issued = issued;
        this.faults = faults;
        this.auth = auth;
        this.random = random;
    }

    private UnknownKeys unknownKeys() {
        return settings.unknownKeys();
    }

    /** What the customs check decided for a sign-in (lib/routes/utils/signin.js checkCustomsAndLoadAccount). */
    private record Customs(Optional<Account> found, boolean didSigninUnblock) {
    }

    /**
     * {@code POST /v1/account/login[?keys=true]} (lib/routes/account.ts {@code login}): customs (faults, the
     * "unfamiliar sign-in" block and its unblock code), no password (210), e-mail checks (142, 120), the password
     * (103), then a session whose verification follows the account's mode; a session begun with a valid unblock code
     * is verified (unless the account has two-step authentication, which always asks for its code).
     */
    Object login(RoutingContext ctx) throws FxaError {
        if (challenged(ctx)) {
            return null;
        }
        FxaRequest query = FxaRequest.query(ctx, FxaSchemas.LOGIN_QUERY, unknownKeys());
        FxaRequest req = FxaRequest.body(ctx, FxaSchemas.LOGIN, unknownKeys());
        String email = req.text("email");
        Customs customs = checkCustoms(ctx, email, req.text("unblockCode"));
        if (customs.found().isEmpty()) {
            throw FxaError.unknownAccount(email);
        }
        Account account = customs.found().get();
        if (!account.hasPassword()) {
            throw FxaError.cannotLoginNoPasswordSet();
        }
        checkEmailAddress(account, email, req.text("originalLoginEmail"));
        Account.PasswordMatch match = checkPassword(account, email, req.hex("authPW"));
        boolean verified = account.verificationMode() == VerificationMode.NONE
                || (customs.didSigninUnblock() && account.verificationMode() != VerificationMode.TOTP_2FA);
        return newSession(account, match, query.flag("keys"), verified, req);
    }

    /**
     * The bot protection in front of production (the CDN, before FxA sees the request) answers some sign-ins with
     * HTTP 406 and an HTML page that runs a JavaScript challenge, not FxA's JSON (reported by third-party clients,
     * e.g. Mikescher/firefox-sync-client; fxa-auth-client lib/client.ts maps such answers to errno 125).
     */
    private boolean challenged(RoutingContext ctx) throws FxaError {
        String uid = null;
        ObjectNode raw;
        try {
            raw = FxaRequest.raw(ctx);
        } catch (FxaError e) {
            raw = null;
        }
        if (raw != null && raw.path("email").isTextual()) {
            uid = accounts.byEmail(raw.path("email").asText()).map(Account::uid).orElse(null);
        }
        if (faults.take(uid, (FaultPlan p) -> p.signInChallenged) < 0) {
            return false;
        }
        ctx.response().putHeader("Cache-Control", "no-store");
        HttpSupport.send(ctx, 406, "text/html; charset=utf-8", Buffer.buffer(CHALLENGE_PAGE));
        return true;
    }

    private static final String CHALLENGE_PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Just a moment...</title>
            <meta name="robots" content="noindex,nofollow"></head>
            <body><noscript>Please enable JavaScript and cookies to continue.</noscript>
            <div id="challenge">Checking your browser before accessing accounts.firefox.com.</div>
            <script>
            (function () {
              var c = document.cookie.indexOf("__challenge=") >= 0;
              var t = Date.now().toString(36);
              document.cookie = "__challenge=" + t + "; path=/; SameSite=Lax";
              if (!c) { setTimeout(function () { location.reload(); }, 4000); }
            })();
            </script></body></html>
            """;

    /**
     * Faults, then the customs block: a blocked sign-in (the counted fault or an account set to require an unblock
     * code) answers 125 with {@code verificationMethod: "email-captcha"} unless a valid code is sent; a wrong or
     * expired code is 127; other failures on that path (an unknown account) hide behind the original 125.
     */
    private Customs checkCustoms(RoutingContext ctx, String email, String unblockCode) throws FxaError {
        Optional<Account> found = accounts.byEmail(email);
        String uid = found.map(Account::uid).orElse(null);
        FxaRoutes.applyFaults(faults, ctx, uid);
        int retryAfter = faults.take(uid, (FaultPlan p) -> p.signInThrottled);
        if (retryAfter >= 0) {
            throw FxaError.throttled(retryAfter);
        }
        boolean blocked = faults.take(uid, (FaultPlan p) -> p.signInBlocked) >= 0
                || (uid != null && unblockCodes.required(uid));
        if (!blocked) {
            return new Customs(found, false);
        }
        if (unblockCode == null || found.isEmpty()) {
            throw FxaError.requestBlocked();
        }
        UnblockCodes.Check check = unblockCodes.consume(uid, unblockCode, clock.millis());
        if (check != UnblockCodes.Check.VALID) {
            throw FxaError.invalidUnblockCode();
        }
        return new Customs(found, true);
    }

    /** The address typed (originalLoginEmail, else email) must be the primary one (142). */
    private static void checkEmailAddress(Account account, String email, String originalLoginEmail)
            throws FxaError {
        String typed = originalLoginEmail != null ? originalLoginEmail : email;
        if (!typed.toLowerCase(Locale.ROOT).equals(account.primaryEmail().toLowerCase(Locale.ROOT))) {
            throw new FxaError(400, 142, "Bad Request", "Sign in with this email type is not currently supported");
        }
    }

    /** The password, against both verifiers; 120 (with the stretch e-mail) when the e-mail's case differs, else 103. */
    private static Account.PasswordMatch checkPassword(Account account, String email, byte[] authPW)
            throws FxaError {
        Account.PasswordMatch match = account.checkPassword(authPW);
        if (match == null) {
            if (!email.equals(account.saltEmail())) {
                throw FxaError.incorrectEmailCase(account.saltEmail());
            }
            throw FxaError.incorrectPassword(email);
        }
        return match;
    }

    /**
     * The login answer: a v2 password match returns {@code keyFetchTokenVersion2} (wrapping the v2 wrapKB), a v1
     * match {@code keyFetchToken} (account.ts {@code createKeyFetchToken}, {@code password.clientVersion === 2}).
     */
    private ObjectNode newSession(Account account, Account.PasswordMatch match, boolean keys, boolean verified,
            FxaRequest req) {
        long authAt = clock.millis() / 1000;
        VerificationMode mode = account.verificationMode();
        FxaTokens.Issued<SessionToken> session = sessions.newSession(account.uid(), authAt, verified);
        ObjectNode o = Json.object();
        o.put("uid", account.uid()).put("sessionToken", session.tokenHex());
        issued.record(account.uid(), IssuedSecretLog.Kind.SESSION_TOKEN, session.tokenHex());
        if (keys) {
            String keyFetchToken = sessions.newKeyFetchToken(account.uid(), session.token().tokenId(),
                    account.kA(), match.wrapKB()).tokenHex();
            issued.record(account.uid(), IssuedSecretLog.Kind.KEY_FETCH_TOKEN, keyFetchToken);
            o.put(match.version() == 2 ? "keyFetchTokenVersion2" : "keyFetchToken", keyFetchToken);
        }
        o.put("authAt", authAt).put("metricsEnabled", true).put("emailVerified", true);
        o.put("sessionVerified", verified);
        if (!verified) {
            o.put("verificationMethod", mode.wireName()).put("verificationReason", "login");
            if (mode == VerificationMode.EMAIL_OTP && !Boolean.FALSE.equals(flagOrNull(req,
                    "sendSigninVerificationEmail"))) {
                sendCode(account, session.token());
            }
        }
        o.put("verified", verified);
        return o;
    }

    private static Boolean flagOrNull(FxaRequest req, String name) {
        return req.has(name) ? req.flag(name) : null;
    }

    private void sendCode(Account account, SessionToken session) {
        String code = String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
        session.emailCode(code);
        outbox.send(new OutboxEmail(account.primaryEmail(), "verifyLoginCode",
                "Use " + code + " to confirm your sign-in", code, Instant.ofEpochMilli(clock.millis())));
    }

    /**
     * {@code POST /v1/account/login/send_unblock_code} (lib/routes/unblock-codes.js): 102 for an unknown account,
     * else a new code is e-mailed with the "unblockCode" template; answers {@code {}}.
     */
    Object sendUnblockCode(RoutingContext ctx) throws FxaError {
        FxaRequest req = FxaRequest.body(ctx, FxaSchemas.SEND_UNBLOCK_CODE, unknownKeys());
        String email = req.text("email");
        Optional<Account> found = accounts.byEmail(email);
        FxaRoutes.applyFaults(faults, ctx, found.map(Account::uid).orElse(null));
        if (found.isEmpty()) {
            throw FxaError.unknownAccount(email);
        }
        Account account = found.get();
        String code = unblockCodes.create(account.uid(), clock.millis());
        outbox.send(new OutboxEmail(account.primaryEmail(), "unblockCode",
                "Account authorization code", code, Instant.ofEpochMilli(clock.millis())));
        return Json.object();
    }

    /**
     * {@code POST /v1/account/status}: does an account exist for this e-mail; with {@code thirdPartyAuthStatus}
     * also {@code hasLinkedAccount} (the sandbox's password-less accounts are linked ones), {@code hasPassword} and
     * {@code passwordlessSupported} (account.ts {@code accountStatusCheck}).
     */
    Object accountStatus(RoutingContext ctx) throws FxaError {
        FxaRequest req = FxaRequest.body(ctx, FxaSchemas.ACCOUNT_STATUS, unknownKeys());
        Optional<Account> found = accounts.byEmail(req.text("email"));
        ObjectNode o = Json.object().put("exists", found.isPresent());
        if (req.flag("thirdPartyAuthStatus")) {
            if (found.isPresent()) {
                Account a = found.get();
                o.put("hasLinkedAccount", !a.hasPassword()).put("hasPassword", a.hasPassword());
            }
            o.put("passwordlessSupported", false);
        }
        return o;
    }

    /**
     * {@code POST /v1/account/credentials/status} (account.ts {@code getCredentialsStatus}): 102 for an unknown
     * account, 149 for one without a password, else {@code currentVersion}, {@code clientSalt} (v2 only) and
     * {@code upgradeNeeded} (true while the account has no version-2 credentials).
     */
    Object credentialsStatus(RoutingContext ctx) throws FxaError {
        FxaRequest req = FxaRequest.body(ctx, FxaSchemas.CREDENTIALS_STATUS, unknownKeys());
        String email = req.text("email");
        Optional<Account> found = accounts.byEmail(email);
        if (found.isEmpty()) {
            throw FxaError.unknownAccount(email);
        }
        Account a = found.get();
        if (!a.hasPassword()) {
            throw FxaError.cannotLoginWithEmail();
        }
        ObjectNode o = Json.object().put("currentVersion", a.passwordVersion() == 2 ? "v2" : "v1");
        if (a.clientSalt() != null) {
            o.put("clientSalt", a.clientSalt());
        }
        return o.put("upgradeNeeded", a.passwordVersion() != 2);
    }

    private SessionToken session(RoutingContext ctx) throws FxaError {
        String id = auth.authenticate(ctx, FxaAuthenticator.Kind.SESSION);
        SessionToken s = sessions.session(id);
        if (s == null) {
            throw FxaAuthenticator.missingAuthentication();
        }
        FxaRoutes.applyFaults(faults, ctx, s.uid());
        return s;
    }

    private Account account(SessionToken s) throws FxaError {
        return accounts.byUid(s.uid())
                .orElseThrow(FxaAuthenticator::missingAuthentication);
    }

    /** Routes declaring {@code auth.payload: 'required'} refuse an empty body (the token strategies' payload hook). */
    static void requirePayload(RoutingContext ctx) throws FxaError {
        if (HttpSupport.bodyBytes(ctx).length == 0) {
            throw FxaError.invalidSignature("Payload is required");
        }
    }

    /**
     * {@code GET /v1/account/keys}: the keyFetchToken is consumed by this request whatever its outcome; an
     * unverified session gets errno 104 and has to re-authenticate for a new token.
     */
    Object accountKeys(RoutingContext ctx) throws FxaError {
        String id = auth.authenticate(ctx, FxaAuthenticator.Kind.KEY_FETCH);
        KeyFetchToken token = sessions.consumeKeyFetchToken(id);
        if (token == null) {
            throw FxaAuthenticator.missingAuthentication();
        }
        FxaRoutes.applyFaults(faults, ctx, token.uid());
        SessionToken session = sessions.session(token.sessionTokenId());
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
                .put("sessionVerificationMeetsMinimumAAL", true).put("verified", s.verified());
        return o;
    }

    /** {@code POST /v1/session/verify_code}: the 6-digit code of the sign-in e-mail; a missing or wrong one is 183. */
    Object verifyCode(RoutingContext ctx) throws FxaError {
        SessionToken s = session(ctx);
        requirePayload(ctx);
        String code = FxaRequest.body(ctx, FxaSchemas.VERIFY_CODE, unknownKeys()).text("code");
        if (s.verified()) {
            return Json.object();
        }
        String expected = s.emailCode();
        if (code == null || expected == null || !expected.equals(code)) {
            throw FxaError.invalidOtpCode();
        }
        s.markVerified();
        return Json.object();
    }

    /** {@code POST /v1/session/resend_code}: the route has no body validator, so any body is accepted. */
    Object resendCode(RoutingContext ctx) throws FxaError {
        SessionToken s = session(ctx);
        Account a = account(s);
        if (!s.verified() && a.verificationMode() == VerificationMode.EMAIL_OTP) {
            sendCode(a, s);
        }
        return Json.object();
    }

    /** {@code POST /v1/session/verify/totp}: {@code {"success": true|false}}; a wrong code is not an error. */
    Object verifyTotp(RoutingContext ctx) throws FxaError {
        SessionToken s = session(ctx);
        requirePayload(ctx);
        String code = FxaRequest.body(ctx, FxaSchemas.VERIFY_TOTP, unknownKeys()).text("code");
        byte[] secret = account(s).totpSecret();
        if (secret == null) {
            throw FxaError.totpNotFound();
        }
        boolean ok = Totp.verify(secret, code, clock.instant());
        if (ok) {
            s.markVerified();
        }
        return Json.object().put("success", ok);
    }

    /** {@code POST /v1/session/reauth[?keys=true]}: password again, a fresh keyFetchToken for the same session. */
    Object reauth(RoutingContext ctx) throws FxaError {
        SessionToken s = session(ctx);
        FxaRequest query = FxaRequest.query(ctx, FxaSchemas.REAUTH_QUERY, unknownKeys());
        FxaRequest req = FxaRequest.body(ctx, FxaSchemas.REAUTH, unknownKeys());
        String email = req.text("email");
        Customs customs = checkCustoms(ctx, email, req.text("unblockCode"));
        Account a = account(s);
        if (customs.found().isEmpty() || !customs.found().get().uid().equals(a.uid())) {
            throw FxaError.unknownAccount(email);
        }
        if (!a.hasPassword()) {
            throw FxaError.cannotLoginNoPasswordSet();
        }
        checkEmailAddress(a, email, req.text("originalLoginEmail"));
        Account.PasswordMatch match = checkPassword(a, email, req.hex("authPW"));
        ObjectNode o = Json.object();
        o.put("uid", a.uid());
        if (query.flag("keys")) {
            String keyFetchToken = sessions.newKeyFetchToken(a.uid(), s.tokenId(), a.kA(),
                    match.wrapKB()).tokenHex();
            issued.record(a.uid(), IssuedSecretLog.Kind.KEY_FETCH_TOKEN, keyFetchToken);
            o.put(match.version() == 2 ? "keyFetchTokenVersion2" : "keyFetchToken", keyFetchToken);
        }
        o.put("authAt", clock.millis() / 1000).put("metricsEnabled", true).put("emailVerified", true)
                .put("sessionVerified", s.verified());
        if (!s.verified()) {
            o.put("verificationMethod", a.verificationMode().wireName()).put("verificationReason", "login");
        }
        o.put("verified", s.verified());
        return o;
    }

    /**
     * {@code POST /v1/session/destroy}: this session, or {@code customSessionToken} (a token id of the same account;
     * another account's is 110 "Invalid session token").
     */
    Object destroySession(RoutingContext ctx) throws FxaError {
        SessionToken s = session(ctx);
        FxaRequest req = FxaRequest.body(ctx, FxaSchemas.SESSION_DESTROY, unknownKeys());
        String custom = req.text("customSessionToken");
        if (custom != null) {
            SessionToken other = sessions.session(custom.toLowerCase(Locale.ROOT));
            if (other == null || !other.uid().equals(s.uid())) {
                throw FxaError.invalidToken("Invalid session token");
            }
            sessions.destroySession(other.tokenId());
            return Json.object();
        }
        sessions.destroySession(s.tokenId());
        return Json.object();
    }
}
