package io.fxhome.sandbox.fxa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.fxhome.sandbox.crypto.Base64s;
import io.fxhome.sandbox.crypto.Hex;
import io.fxhome.sandbox.crypto.Hmacs;
import io.fxhome.sandbox.crypto.KeysJwe;
import io.fxhome.sandbox.crypto.PasswordVerifier;
import io.fxhome.sandbox.crypto.QuickStretch;
import io.fxhome.sandbox.crypto.SyncKeys;
import io.fxhome.sandbox.crypto.Totp;
import io.fxhome.sandbox.http.HttpSupport;
import io.fxhome.sandbox.http.Json;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A minimal accounts.firefox.com for the PKCE single-sign-on flow (§2.9): {@code /authorization} takes the e-mail and
 * password (then, when the account needs them, an unblock code or a confirmation code; an account without a password
 * first creates one for Sync, as the content server asks third-party-auth accounts to), signs the user in, derives
 * the oldsync scoped key in the "browser" as the content server does (kB → kSync, kid; version-2 accounts stretch
 * with their clientSalt), encrypts it to the relier's {@code keys_jwk} and redirects to
 * {@code redirect_uri?code=...&state=...}. Public clients registered with the content server's success page (Firefox
 * for iOS) land on {@code /oauth/success/<client id>}, whose address carries the code and state.
 */
public final class AuthorizationPage {
    /** /v1/oauth/authorization: code_challenge is exactly 43 base64url characters (validators.pkceCodeChallenge). */
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** The content server takes keys_jwk only as base64url text. */
    private static final Pattern KEYS_JWK = Pattern.compile("^[A-Za-z0-9_-]+$");
    private static final Set<String> ACTIONS = Set.of("signin", "signup", "email", "force_auth", "pairing");
    private static final List<String> PARAMS = List.of("client_id", "scope", "state", "code_challenge",
            "code_challenge_method", "access_type", "keys_jwk", "redirect_uri", "response_type", "action");
    private static final long CODE_LIFETIME_MS = 15 * 60_000;
    private static final long TICKET_LIFETIME_MS = 15 * 60_000;
    /** FxA's minimum password length (the content server's password rules). */
    private static final int MIN_PASSWORD_LENGTH = 8;

    private final FxaSettings settings;
    private final Clock clock;
    private final FxaAccounts accounts;
    private final OAuthTokens oauthTokens;
    private final UnblockCodes unblockCodes;
    private final EmailOutbox outbox;
    private final ForgedKeysJweKids forgedKids;
    private final SecureRandom random;
    private final OAuthClients clients;
    private final Map<String, String> pendingCodes = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** A sign-in that passed the password step: what the browser holds (kB) until the flow completes. */
    private static final class Pending {
        final String uid;
        final byte[] kB;
        final long expiresAt;
        volatile boolean unblocked;
        volatile boolean unblockSent;

        Pending(String uid, byte[] kB, long expiresAt) {
            this.uid = uid;
            this.kB = kB;
            this.expiresAt = expiresAt;
        }

        @Override
        public String toString() {
            return "Pending[uid=" + uid + ", redacted]";
        }
    }

    /**
     * @param oauthTokens where the authorization codes go
     * @param unblockCodes the accounts whose sign-ins need an unblock code, and the codes
     * @param outbox where the e-mails (codes) go
     * @param forgedKids the security tests' forged key ids
     */
    public AuthorizationPage(FxaSettings settings, FxaAccounts accounts, OAuthTokens oauthTokens,
            UnblockCodes unblockCodes, EmailOutbox outbox, ForgedKeysJweKids forgedKids, SecureRandom random) {
        this.settings = settings;
        this.clock = settings.clock();
        this.accounts = accounts;
        this.oauthTokens = oauthTokens;
        this.unblockCodes = unblockCodes;
        this.outbox = outbox;
        this.forgedKids = forgedKids;
        this.random = random;
        this.clients = new OAuthClients(settings);
    }

    public void mount(Router router) {
        router.get("/authorization").handler(this::show);
        router.post("/authorization").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        router.post("/authorization").blockingHandler(this::submit, false);
        router.get("/oauth/success/:clientId").handler(this::success);
    }

    /** The authorization request, validated. */
    private record AuthRequest(MultiMap params, OAuthClients.Client client, String redirectUri, Set<String> scopes,
            ECPublicKey keysJwk) {
        String get(String name) {
            return params.get(name);
        }
    }

    private String contentBase(RoutingContext ctx) {
        String base = settings.publicBaseUrl() != null ? settings.publicBaseUrl()
                : HttpSupport.origin(ctx);
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private AuthRequest validate(RoutingContext ctx, MultiMap params) {
        OAuthClients.Client client = clients.find(params.get("client_id"));
        if (client == null) {
            throw new IllegalArgumentException("Unknown client_id");
        }
        String redirect = params.get("redirect_uri");
        if (redirect == null || redirect.isEmpty()) {
            redirect = clients.defaultRedirect(client, contentBase(ctx));
            if (redirect == null) {
                throw new IllegalArgumentException("Missing redirect_uri");
            }
        } else if (!clients.acceptsRedirect(client, redirect, contentBase(ctx))) {
            throw new IllegalArgumentException("Incorrect redirect_uri");
        }
        if (params.get("state") == null || params.get("state").isEmpty() || params.get("state").length() > 512) {
            throw new IllegalArgumentException("Missing state");
        }
        if (params.get("response_type") != null && !"code".equals(params.get("response_type"))) {
            throw new IllegalArgumentException("Invalid response_type");
        }
        if (params.get("action") != null && !ACTIONS.contains(params.get("action"))) {
            throw new IllegalArgumentException("Invalid action");
        }
        if (params.get("access_type") != null && !Set.of("online", "offline").contains(params.get("access_type"))) {
            throw new IllegalArgumentException("Invalid access_type");
        }
        if (!"S256".equals(params.get("code_challenge_method"))
                || params.get("code_challenge") == null || !CHALLENGE.matcher(params.get("code_challenge")).matches()) {
            throw new IllegalArgumentException("Public clients require PKCE (code_challenge_method=S256)");
        }
        Set<String> scopes = OAuthClients.scopes(params.get("scope"));
        if (scopes == null) {
            throw new IllegalArgumentException("Invalid scope");
        }
        ECPublicKey jwk = null;
        if (params.get("keys_jwk") != null) {
            if (!KEYS_JWK.matcher(params.get("keys_jwk")).matches()) {
                throw new IllegalArgumentException("Invalid keys_jwk");
            }
            try {
                jwk = KeysJwe.parseKeysJwk(params.get("keys_jwk"));
            } catch (KeysJwe.InvalidJwkException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        } else if (scopes.contains(SyncKeys.OLDSYNC_SCOPE)) {
            throw new IllegalArgumentException("keys_jwk is required for the oldsync scope");
        }
        return new AuthRequest(params, client, redirect, scopes, jwk);
    }

    private void show(RoutingContext ctx) {
        try {
            AuthRequest req = validate(ctx, ctx.queryParams());
            String email = req.get("email") != null ? req.get("email") : req.get("login_hint");
            html(ctx, 200, form(req, email, null, Step.PASSWORD, null));
        } catch (IllegalArgumentException e) {
            html(ctx, 400, page("Bad request", "<p class=\"error\">" + esc(e.getMessage()) + "</p>"));
        }
    }

    /** What the form asks for next. */
    private enum Step {
        PASSWORD,
        CREATE_PASSWORD,
        UNBLOCK,
        CODE
    }

    private void submit(RoutingContext ctx) {
        AuthRequest req;
        try {
            req = validate(ctx, ctx.request().formAttributes());
        } catch (IllegalArgumentException e) {
            html(ctx, 400, page("Bad request", "<p class=\"error\">" + esc(e.getMessage()) + "</p>"));
            return;
        }
        MultiMap form = ctx.request().formAttributes();
        String email = form.get("email");
        Pending p = ticket(form.get("ticket"));
        if (p == null) {
            Account account = email == null ? null : accounts.byEmail(email).orElse(null);
            if (account == null) {
                html(ctx, 200, form(req, email, "Unknown account", Step.PASSWORD, null));
                return;
            }
            byte[] kB;
            if (!account.hasPassword()) {
                String chosen = form.get("new_password");
                if (chosen == null || chosen.isEmpty()) {
                    html(ctx, 200, form(req, email, null, Step.CREATE_PASSWORD, null));
                    return;
                }
                if (chosen.length() < MIN_PASSWORD_LENGTH || !chosen.equals(form.get("confirm_password"))) {
                    html(ctx, 200, form(req, email, chosen.length() < MIN_PASSWORD_LENGTH
                            ? "Use at least " + MIN_PASSWORD_LENGTH + " characters"
                            : "Passwords do not match",
                            Step.CREATE_PASSWORD, null));
                    return;
                }
                kB = createPassword(account, chosen);
            } else {
                String password = form.get("password");
                if (password == null || password.isEmpty()) {
                    html(ctx, 200, form(req, email, "Enter your password", Step.PASSWORD, null));
                    return;
                }
                kB = checkPassword(account, password);
                if (kB == null) {
                    html(ctx, 200, form(req, email, "Incorrect password", Step.PASSWORD, null));
                    return;
                }
            }
            p = newTicket(account.uid(), kB);
        }
        Account account = accounts.byUid(p.uid).orElse(null);
        if (account == null) {
            html(ctx, 200, form(req, email, "Unknown account", Step.PASSWORD, null));
            return;
        }
        String ticket = form.get("ticket") != null && ticket(form.get("ticket")) == p ? form.get("ticket")
                : ticketOf(p);
        if (unblockCodes.required(account.uid()) && !p.unblocked) {
            String code = form.get("unblock_code");
            if (code == null || code.isBlank()) {
                if (!p.unblockSent) {
                    String sent = unblockCodes.create(account.uid(), clock.millis());
                    outbox.send(new OutboxEmail(account.primaryEmail(), "unblockCode",
                            "Account authorization code", sent, Instant.ofEpochMilli(clock.millis())));
                    p.unblockSent = true;
                }
                html(ctx, 200, form(req, account.primaryEmail(), "Enter the authorization code we e-mailed you",
                        Step.UNBLOCK, ticket));
                return;
            }
            if (unblockCodes.consume(account.uid(), code.trim(), clock.millis()) != UnblockCodes.Check.VALID) {
                html(ctx, 200, form(req, account.primaryEmail(), "Invalid unblock code", Step.UNBLOCK, ticket));
                return;
            }
            p.unblocked = true;
        }
        // A sign-in let through by an unblock code counts as confirmed, unless the account has two-step auth.
        boolean needsCode = account.verificationMode() == VerificationMode.TOTP_2FA
                || (account.verificationMode() == VerificationMode.EMAIL_OTP && !p.unblocked);
        String code = form.get("code");
        if (needsCode && !codeOk(account, code)) {
            if (account.verificationMode() == VerificationMode.EMAIL_OTP && (code == null || code.isBlank())) {
                String sent = String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
                pendingCodes.put(account.uid(), sent);
                outbox.send(new OutboxEmail(account.primaryEmail(), "verifyLoginCode",
                        "Use " + sent + " to confirm your sign-in", sent, Instant.ofEpochMilli(clock.millis())));
            }
            boolean retry = code != null && !code.isBlank();
            html(ctx, 200, form(req, account.primaryEmail(), retry ? "Invalid or expired verification code"
                    : "Enter the confirmation code", Step.CODE, ticket));
            return;
        }
        pendingCodes.remove(account.uid());
        pending.values().remove(p);
        complete(ctx, req, account, p.kB);
    }

    /** Issues the code (with keys_jwe when asked for) and redirects to the client. */
    private void complete(RoutingContext ctx, AuthRequest req, Account account, byte[] kB) {
        String keysJwe = null;
        if (req.keysJwk() != null && req.scopes().contains(SyncKeys.OLDSYNC_SCOPE)) {
            String k = Base64s.urlNoPad(SyncKeys.kSync(kB));
            String kid = SyncKeys.keyId(account.keysChangedAt(), kB);
            String forged = forgedKids.take(account.uid());
            if (forged != null) {
                // What a malicious browser could send: production's servers pass keys_jwe through unread.
                byte[] randomKey = new byte[64];
                random.nextBytes(randomKey);
                k = Base64s.urlNoPad(randomKey);
                kid = forged;
            }
            String plaintext = "{\"" + SyncKeys.OLDSYNC_SCOPE + "\":{\"kty\":\"oct\",\"scope\":\""
                    + SyncKeys.OLDSYNC_SCOPE + "\",\"k\":\"" + k + "\",\"kid\":\"" + jsonEsc(kid) + "\"}}";
            keysJwe = KeysJwe.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), req.keysJwk(), random);
        }
        long now = clock.millis();
        String authCode = oauthTokens.issueCode(new OAuthTokens.AuthorizationCode(account.uid(),
                req.client().id(), req.scopes(), req.get("code_challenge"), keysJwe,
                "offline".equals(req.get("access_type")), now / 1000, now + CODE_LIFETIME_MS, req.redirectUri()));
        String redirect = req.redirectUri();
        String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + authCode + "&state="
                + URLEncoder.encode(req.get("state"), StandardCharsets.UTF_8);
        ctx.response().putHeader("Location", location).putHeader("Cache-Control", "no-store");
        HttpSupport.send(ctx, 302, "text/html; charset=utf-8", Buffer.buffer(""));
    }

    /** The password as the content server checks it: version 2 with the account's clientSalt, else version 1. */
    private byte[] checkPassword(Account account, String password) {
        QuickStretch qs = account.passwordVersion() == 2 ? QuickStretch.v2(account.clientSalt(), password)
                : QuickStretch.of(account.saltEmail(), password);
        Account.PasswordMatch match = account.checkPassword(qs.authPW());
        return match == null ? null : Hmacs.xor(match.wrapKB(), qs.unwrapBKey());
    }

    /** Sets the first password of an account without one; returns the account's kB. */
    private byte[] createPassword(Account account, String password) {
        QuickStretch qs = QuickStretch.of(account.saltEmail(), password);
        byte[] authSalt = new byte[32];
        random.nextBytes(authSalt);
        int n = settings.scryptN();
        PasswordVerifier.Stretched s = PasswordVerifier.stretch(qs.authPW(), authSalt, n);
        account.setFirstPassword(PasswordVerifier.fromStretch(authSalt, n, s), s.wrapwrapKey(), qs.unwrapBKey(),
                clock.millis());
        Account.PasswordMatch match = account.checkPassword(qs.authPW());
        return Hmacs.xor(match.wrapKB(), qs.unwrapBKey());
    }

    private Pending ticket(String ticket) {
        if (ticket == null) {
            return null;
        }
        Pending p = pending.get(ticket);
        if (p != null && p.expiresAt < clock.millis()) {
            pending.remove(ticket);
            return null;
        }
        return p;
    }

    private Pending newTicket(String uid, byte[] kB) {
        pending.values().removeIf(x -> x.expiresAt < clock.millis());
        byte[] id = new byte[16];
        random.nextBytes(id);
        Pending p = new Pending(uid, kB, clock.millis() + TICKET_LIFETIME_MS);
        pending.put(Hex.encode(id), p);
        return p;
    }

    private String ticketOf(Pending p) {
        return pending.entrySet().stream().filter(e -> e.getValue() == p).map(Map.Entry::getKey).findFirst()
                .orElse(null);
    }

    private boolean codeOk(Account account, String code) {
        if (code == null || code.isBlank()) {
            return false;
        }
        if (account.verificationMode() == VerificationMode.TOTP_2FA) {
            return Totp.verify(account.totpSecret(), code.trim(), clock.instant());
        }
        return code.trim().equals(pendingCodes.get(account.uid()));
    }

    /**
     * {@code GET /oauth/success/<client id>}: the page the content server shows a public client's user once the flow
     * is done (fxa-settings renders "Device connected" / "Pairing was successful."); the native app, or the user,
     * reads {@code code} and {@code state} from its address.
     */
    private void success(RoutingContext ctx) {
        OAuthClients.Client client = clients.find(ctx.pathParam("clientId"));
        if (client == null || !client.successPage()) {
            html(ctx, 404, page("Not found", "<p class=\"error\">Unknown client</p>"));
            return;
        }
        String body = "<p>Pairing was successful.</p>\n"
                + "<p>You're signed in to Firefox Sync. You can close this tab.</p>\n"
                + "<p class=\"note\">fxhome sync sandbox: this page's address carries the authorization code and "
                + "state.</p>";
        html(ctx, 200, page("Device connected", body));
    }

    private String form(AuthRequest req, String email, String message, Step step, String ticket) {
        StringBuilder hidden = new StringBuilder();
        for (String p : PARAMS) {
            if (req.get(p) != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(p).append("\" value=\"").append(esc(req.get(p)))
                        .append("\">\n");
            }
        }
        if (ticket != null) {
            hidden.append("<input type=\"hidden\" name=\"ticket\" value=\"").append(esc(ticket)).append("\">\n");
        }
        String emailField = "<label>Email <input type=\"email\" name=\"email\" autocomplete=\"username\" value=\""
                + esc(email == null ? "" : email) + "\"" + (ticket != null ? " readonly" : " required")
                + "></label>\n";
        String fields = switch (step) {
            case PASSWORD -> emailField + "<label>Password <input type=\"password\" name=\"password\" "
                    + "autocomplete=\"current-password\" required></label>\n";
            case CREATE_PASSWORD -> emailField
                    + "<p>This account signs in with Google, Apple or a passkey. Create a password to sync your data "
                    + "with Firefox Sync.</p>\n"
                    + "<label>New password <input type=\"password\" name=\"new_password\" "
                    + "autocomplete=\"new-password\" minlength=\"" + MIN_PASSWORD_LENGTH + "\" required></label>\n"
                    + "<label>Repeat password <input type=\"password\" name=\"confirm_password\" "
                    + "autocomplete=\"new-password\" required></label>\n";
            case UNBLOCK -> emailField + "<label>Authorization code <input name=\"unblock_code\" "
                    + "autocomplete=\"one-time-code\" maxlength=\"8\" required></label>\n";
            case CODE -> emailField + "<label>Confirmation code <input name=\"code\" inputmode=\"numeric\" "
                    + "autocomplete=\"one-time-code\" required></label>\n";
        };
        String title = step == Step.CREATE_PASSWORD ? "Create a password to sync"
                : "Sign in to continue to Firefox Sync";
        String body = (message == null ? "" : "<p class=\"error\">" + esc(message) + "</p>\n")
                + "<form method=\"post\" action=\"/authorization\">\n" + hidden + fields
                + "<button type=\"submit\">" + (step == Step.CREATE_PASSWORD ? "Create password" : "Sign in")
                + "</button>\n</form>\n"
                + "<p class=\"note\">fxhome sync sandbox: a stand-in for accounts.firefox.com.</p>";
        return page(title, body);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title>\n<style>body{font-family:sans-serif;max-width:28em;margin:3em auto}"
                + "label{display:block;margin:.8em 0}input{display:block;width:100%}.error{color:#b00}"
                + ".note{color:#666;font-size:.8em}</style></head>\n<body><h1>" + esc(title) + "</h1>\n" + body
                + "\n</body></html>\n";
    }

    private static void html(RoutingContext ctx, int status, String html) {
        ctx.response().putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff");
        HttpSupport.send(ctx, status, "text/html; charset=utf-8", Buffer.buffer(html));
    }

    private static String jsonEsc(String s) {
        return Json.quote(s).substring(1, Json.quote(s).length() - 1);
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
