package io.fxhome.sandbox.fxa;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.crypto.Hex;
import io.fxhome.sandbox.http.HttpSupport;
import io.fxhome.sandbox.http.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The profile server's {@code GET /v1/profile}, served under the same base URL (the discovery document's
 * {@code profile_server_base_url}). After mozilla/fxa packages/fxa-profile-server: lib/routes/profile.js merges the
 * sub-resources the token's scopes allow (lib/batch.js): {@code /v1/_core_profile} (email, amrValues,
 * twoFactorAuthentication; scope profile:email / profile:amr or the whole {@code profile}), {@code /v1/uid}
 * (profile:uid), {@code /v1/avatar} (profile:avatar), {@code /v1/display_name} (no display name set: left out); with
 * {@code openid} also {@code sub}. A token none of them accepts is 403 "Forbidden"; a missing or unknown bearer
 * token is 401 errno 100 with {@code reason} (lib/error.js, the oauth auth scheme).
 */
final class ProfileHandler {
    private final FxaAccounts accounts;
    private final OAuthTokens oauthTokens;
    private final Clock clock;

    ProfileHandler(FxaAccounts accounts, OAuthTokens oauthTokens, Clock clock) {
        this.accounts = accounts;
        this.oauthTokens = oauthTokens;
        this.clock = clock;
    }

    void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer")) {
            error(ctx, 401, 100, "Bad Request", "Unauthorized", "Bearer token not provided");
            return;
        }
        String[] parts = header.split(" ");
        OAuthTokens.AccessToken t = parts.length < 2 ? null
                : oauthTokens.access(parts[1],
                        clock.millis());
        Account a = t == null ? null : accounts.byUid(t.uid()).orElse(null);
        if (a == null) {
            error(ctx, 401, 100, "Bad Request", "Unauthorized", "Bearer token invalid");
            return;
        }
        Set<String> scope = t.scope();
        boolean all = scope.contains("profile");
        ObjectNode o = Json.object();
        int forbidden = 0;
        if (all || scope.contains("profile:email") || scope.contains("email") || scope.contains("profile:amr")) {
            if (all || scope.contains("profile:email") || scope.contains("email")) {
                o.put("email", a.primaryEmail());
            }
            if (all || scope.contains("profile:amr")) {
                boolean twoFactor = a.verificationMode() == VerificationMode.TOTP_2FA;
                var amr = o.putArray("amrValues");
                if (a.hasPassword()) {
                    amr.add("pwd");
                }
                amr.add("email");
                if (twoFactor) {
                    amr.add("otp");
                }
                o.put("twoFactorAuthentication", twoFactor);
            }
        } else {
            forbidden++;
        }
        if (all || scope.contains("profile:uid")) {
            o.put("uid", a.uid());
        } else {
            forbidden++;
        }
        if (all || scope.contains("profile:avatar")) {
            String letter = a.primaryEmail().substring(0, 1).toLowerCase(Locale.ROOT);
            o.put("avatar", HttpSupport.origin(ctx) + "/v1/avatar/" + letter).put("avatarDefault", true);
        } else {
            forbidden++;
        }
        if (!(all || scope.contains("profile:display_name"))) {
            forbidden++;
        }
        if (forbidden == 4) {
            error(ctx, 403, 999, "Forbidden", "Forbidden", null);
            return;
        }
        if (scope.contains("openid")) {
            o.put("sub", a.uid());
        }
        byte[] body = Json.writeBytes(o);
        ctx.response().putHeader("ETag", "\"" + sha1(body) + "\"").putHeader("Last-Modified",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(clock.millis()).atOffset(
                        ZoneOffset.UTC)));
        HttpSupport.send(ctx, 200, "application/json", Buffer.buffer(body));
    }

    private static void error(RoutingContext ctx, int status, int errno, String error, String message,
            String reason) {
        ObjectNode o = Json.object().put("code", status).put("errno", errno).put("error", error)
                .put("message", message);
        if (reason != null) {
            o.put("reason", reason);
        }
        HttpSupport.sendJson(ctx, status, o);
    }

    private static String sha1(byte[] body) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-1").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
