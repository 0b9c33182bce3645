package io.fxhome.sandbox.fxa;

import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.crypto.Base64s;
import io.fxhome.sandbox.crypto.Hmacs;
import io.fxhome.sandbox.crypto.KeysJwe;
import io.fxhome.sandbox.crypto.QuickStretch;
import io.fxhome.sandbox.crypto.SyncKeys;
import io.fxhome.sandbox.crypto.Totp;
import io.fxhome.sandbox.http.HttpSupport;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A minimal accounts.firefox.com {@code /authorization} for the PKCE single-sign-on flow (§2.9). The page takes the
 * e-mail and password (and the confirmation code when the account needs one), signs the user in, derives the
 * oldsync scoped key in the "browser" exactly as the content server does (kB → kSync, kid), encrypts it to the
 * relier's {@code keys_jwk} and redirects to {@code redirect_uri?code=...&state=...}.
 */
public final class AuthorizationPage {
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final List<String> PARAMS = List.of("client_id", "scope", "state", "code_challenge",
            "code_challenge_method", "access_type", "keys_jwk", "redirect_uri", "response_type", "action");
    private static final long CODE_LIFETIME_MS = 15 * 60_000;

    private final Sandbox sandbox;
    private final OAuthClients clients;
    private final Map<String, String> pendingCodes = new ConcurrentHashMap<>();

    private AuthorizationPage(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.clients = new OAuthClients(sandbox.options());
    }

    public static void install(Router router, Sandbox sandbox) {
        AuthorizationPage page = new AuthorizationPage(sandbox);
        router.get("/authorization").handler(page::show);
        router.post("/authorization").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        router.post("/authorization").blockingHandler(page::submit, false);
    }

    /** The authorization request, validated. */
    private record AuthRequest(MultiMap params, Set<String> scopes, ECPublicKey keysJwk) {
        String get(String name) {
            return params.get(name);
        }
    }

    private AuthRequest validate(MultiMap params) {
        String clientId = params.get("client_id");
        if (!clients.knownClient(clientId)) {
            throw new IllegalArgumentException("Unknown client_id");
        }
        if (!clients.acceptsRedirect(params.get("redirect_uri"))) {
            throw new IllegalArgumentException("Incorrect redirect_uri");
        }
        if (params.get("state") == null || params.get("state").isEmpty()) {
            throw new IllegalArgumentException("Missing state");
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
            try {
                jwk = KeysJwe.parseKeysJwk(params.get("keys_jwk"));
            } catch (KeysJwe.InvalidJwkException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        } else if (scopes.contains(SyncKeys.OLDSYNC_SCOPE)) {
            throw new IllegalArgumentException("keys_jwk is required for the oldsync scope");
        }
        return new AuthRequest(params, scopes, jwk);
    }

    private void show(RoutingContext ctx) {
        try {
            AuthRequest req = validate(ctx.queryParams());
            String email = req.get("email") != null ? req.get("email") : req.get("login_hint");
            html(ctx, 200, form(req, email, null, false));
        } catch (IllegalArgumentException e) {
            html(ctx, 400, page("Bad request", "<p class=\"error\">" + esc(e.getMessage()) + "</p>"));
        }
    }

    private void submit(RoutingContext ctx) {
        AuthRequest req;
        try {
            req = validate(ctx.request().formAttributes());
        } catch (IllegalArgumentException e) {
            html(ctx, 400, page("Bad request", "<p class=\"error\">" + esc(e.getMessage()) + "</p>"));
            return;
        }
        MultiMap form = ctx.request().formAttributes();
        String email = form.get("email");
        String password = form.get("password");
        String code = form.get("code");
        Sandbox.AccountState state = email == null ? null : sandbox.findByEmail(email).orElse(null);
        if (state == null || password == null) {
            html(ctx, 200, form(req, email, "Unknown account", false));
            return;
        }
        Account account = state.account();
        QuickStretch qs = QuickStretch.of(account.saltEmail(), password);
        byte[] wrapKB = account.checkPassword(qs.authPW());
        if (wrapKB == null) {
            html(ctx, 200, form(req, email, "Incorrect password", false));
            return;
        }
        if (account.verificationMode() != VerificationMode.NONE && !codeOk(account, code)) {
            if (account.verificationMode() == VerificationMode.EMAIL_OTP && (code == null || code.isBlank())) {
                String sent = String.format(Locale.ROOT, "%06d", sandbox.random().nextInt(1_000_000));
                pendingCodes.put(account.uid(), sent);
                sandbox.emailOutbox().send(new OutboxEmail(account.primaryEmail(), "verifyLoginCode",
                        "Use " + sent + " to confirm your sign-in", sent, Instant.ofEpochMilli(sandbox.now())));
            }
            boolean retry = code != null && !code.isBlank();
            html(ctx, 200, form(req, email, retry ? "Invalid or expired verification code"
                    : "Enter the confirmation code", true));
            return;
        }
        pendingCodes.remove(account.uid());
        String keysJwe = null;
        if (req.keysJwk() != null && req.scopes().contains(SyncKeys.OLDSYNC_SCOPE)) {
            byte[] kB = Hmacs.xor(wrapKB, qs.unwrapBKey());
            String plaintext = "{\"" + SyncKeys.OLDSYNC_SCOPE + "\":{\"kty\":\"oct\",\"scope\":\""
                    + SyncKeys.OLDSYNC_SCOPE + "\",\"k\":\"" + Base64s.urlNoPad(SyncKeys.kSync(kB)) + "\",\"kid\":\""
                    + SyncKeys.keyId(account.keysChangedAt(), kB) + "\"}}";
            keysJwe = KeysJwe.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), req.keysJwk(), sandbox.random());
        }
        long now = sandbox.now();
        String authCode = sandbox.oauthTokens().issueCode(new OAuthTokens.AuthorizationCode(account.uid(),
                req.get("client_id"), req.scopes(), req.get("code_challenge"), keysJwe,
                "offline".equals(req.get("access_type")), now / 1000, now + CODE_LIFETIME_MS, req.get("redirect_uri")));
        String redirect = req.get("redirect_uri");
        String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + authCode + "&state="
                + URLEncoder.encode(req.get("state"), StandardCharsets.UTF_8);
        ctx.response().putHeader("Location", location).putHeader("Cache-Control", "no-store");
        HttpSupport.send(ctx, 302, "text/html; charset=utf-8", Buffer.buffer(""));
    }

    private boolean codeOk(Account account, String code) {
        if (code == null || code.isBlank()) {
            return false;
        }
        if (account.verificationMode() == VerificationMode.TOTP_2FA) {
            return Totp.verify(account.totpSecret(), code.trim(), sandbox.clock().instant());
        }
        return code.trim().equals(pendingCodes.get(account.uid()));
    }

    private String form(AuthRequest req, String email, String message, boolean askCode) {
        StringBuilder hidden = new StringBuilder();
        for (String p : PARAMS) {
            if (req.get(p) != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(p).append("\" value=\"").append(esc(req.get(p)))
                        .append("\">\n");
            }
        }
        String body = (message == null ? "" : "<p class=\"error\">" + esc(message) + "</p>\n")
                + "<form method=\"post\" action=\"/authorization\">\n" + hidden
                + "<label>Email <input type=\"email\" name=\"email\" autocomplete=\"username\" value=\""
                + esc(email == null ? "" : email) + "\" required></label>\n"
                + "<label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\" "
                + "required></label>\n"
                + (askCode ? "<label>Confirmation code <input name=\"code\" inputmode=\"numeric\" "
                        + "autocomplete=\"one-time-code\"></label>\n" : "")
                + "<button type=\"submit\">Sign in</button>\n</form>\n"
                + "<p class=\"note\">fxhome sync sandbox: a stand-in for accounts.firefox.com.</p>";
        return page("Sign in to continue to Firefox Sync", body);
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
