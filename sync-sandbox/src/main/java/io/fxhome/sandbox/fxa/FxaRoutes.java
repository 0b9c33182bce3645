package io.fxhome.sandbox.fxa;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.devices.DeviceRegistry;
import io.fxhome.sandbox.faults.FaultPlan;
import io.fxhome.sandbox.faults.Faults;
import io.fxhome.sandbox.hawk.HawkVerifier;
import io.fxhome.sandbox.http.HttpSupport;
import io.fxhome.sandbox.http.Json;
import io.fxhome.sandbox.secrets.IssuedSecretLog;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The Firefox Accounts auth server under {@code /v1}: sign-in, unblock codes, session verification, key fetch,
 * scoped-key data, the OAuth token, revocation and verification endpoints, plus the discovery documents. Every answer
 * carries a {@code Timestamp} header; errors are FxA's JSON errors. Routes come in two families, as in
 * fxa-auth-server: the auth server's own ({@code /v1/account/...}, {@code /v1/oauth/...}) and the OAuth server's
 * kept under {@code /v1} ({@code /v1/token}, {@code /v1/destroy}, {@code /v1/verify}), which keep the OAuth errnos.
 */
public final class FxaRoutes {
    private static final Logger LOG = System.getLogger(FxaRoutes.class.getName());

    /** A route body that may fail with an FxA error. */
    @FunctionalInterface
    interface Handler {
        Object handle(RoutingContext ctx) throws FxaError;
    }

    private final Clock clock;
    private final SignInHandlers signIn;
    private final OAuthHandlers oauth;
    private final ProfileHandler profile;
    private final DeviceHandlers devices;

    /**
     * @param accounts the accounts, by e-mail and uid
     * @param sessions session and keyFetch tokens
     * @param oauthTokens authorization codes, access and refresh tokens
     * @param unblockCodes the unblock codes and the accounts that need one
     * @param outbox where the e-mails (codes) go
     * @param issued where the tokens handed out are noted for the hygiene tests
     * @param faults armed faults ("auth server unavailable", throttling, blocking, the challenge page)
     * @param hawk the Hawk verifier of token-authenticated requests
     * @param deviceRegistry the accounts' devices and command queues
     */
    public FxaRoutes(FxaSettings settings, FxaAccounts accounts, FxaTokens sessions, OAuthTokens oauthTokens,
            UnblockCodes unblockCodes, EmailOutbox outbox, IssuedSecretLog issued, Faults faults, HawkVerifier hawk,
            DeviceRegistry deviceRegistry, SecureRandom random) {
        this.clock = settings.clock();
        FxaAuthenticator auth = new FxaAuthenticator(sessions, hawk, clock);
        OAuthClients clients = new OAuthClients(settings);
        this.signIn = new SignInHandlers(settings, accounts, sessions, unblockCodes, outbox, issued, faults, auth,
                random);
        this.oauth = new OAuthHandlers(settings, accounts, sessions, oauthTokens, issued, faults, auth, clients);
        this.profile = new ProfileHandler(accounts, oauthTokens, clock);
        this.devices = new DeviceHandlers(settings, oauthTokens, deviceRegistry, faults);
    }

    public void mount(Router router) {
        // lib/server.js: payload.maxBytes 16384; a larger body is 413 errno 113 (AppError.requestBodyTooLarge).
        router.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(16384)).failureHandler(ctx -> {
            if (ctx.statusCode() != 413) {
                ctx.next();
                return;
            }
            ctx.response().putHeader("Timestamp", Long.toString(clock.millis() / 1000));
            HttpSupport.sendJson(ctx, 413, new FxaError(413, 113, "Request Entity Too Large",
                    "Request body too large").toJson());
        });
        post(router, "/v1/account/login", signIn::login);
        post(router, "/v1/account/login/send_unblock_code", signIn::sendUnblockCode);
        post(router, "/v1/account/status", signIn::accountStatus);
        post(router, "/v1/account/credentials/status", signIn::credentialsStatus);
        get(router, "/v1/account/keys", signIn::accountKeys);
        post(router, "/v1/account/scoped-key-data", oauth::scopedKeyData);
        get(router, "/v1/session/status", signIn::sessionStatus);
        post(router, "/v1/session/verify_code", signIn::verifyCode);
        post(router, "/v1/session/resend_code", signIn::resendCode);
        post(router, "/v1/session/verify/totp", signIn::verifyTotp);
        post(router, "/v1/session/reauth", signIn::reauth);
        post(router, "/v1/session/destroy", signIn::destroySession);
        post(router, "/v1/account/device", devices::register);
        get(router, "/v1/account/devices", devices::devices);
        post(router, "/v1/account/device/destroy", devices::destroy);
        get(router, "/v1/account/device/commands", devices::commands);
        post(router, "/v1/account/devices/invoke_command", devices::invoke);
        post(router, "/v1/oauth/token", oauth::token);
        post(router, "/v1/oauth/destroy", oauth::destroy);
        postOauth(router, "/v1/token", oauth::legacyToken);
        postOauth(router, "/v1/destroy", oauth::legacyDestroy);
        postOauth(router, "/v1/verify", oauth::verify);
        router.get("/v1/profile").blockingHandler(profile::handle, false);
        router.get("/.well-known/fxa-client-configuration").handler(ctx -> respond(ctx,
                c -> discovery(c, false), false));
        router.get("/.well-known/openid-configuration").handler(ctx -> respond(ctx, c -> discovery(c, true),
                false));
        router.route("/v1/*").handler(ctx -> respond(ctx, c -> {
            throw FxaError.notFound();
        }, false));
    }

    private void post(Router router, String path, Handler h) {
        router.post(path).blockingHandler(ctx -> respond(ctx, h, false), false);
    }

    private void postOauth(Router router, String path, Handler h) {
        router.post(path).blockingHandler(ctx -> respond(ctx, h, true), false);
    }

    private void get(Router router, String path, Handler h) {
        router.get(path).blockingHandler(ctx -> respond(ctx, h, false), false);
    }

    private void respond(RoutingContext ctx, Handler h, boolean oauthRoute) {
        ctx.response().putHeader("Timestamp", Long.toString(clock.millis() / 1000));
        try {
            Object body = h.handle(ctx);
            if (!ctx.response().ended()) {
                HttpSupport.sendJson(ctx, 200, body);
            }
        } catch (FxaError e) {
            FxaError out = oauthRoute ? e : e.toAuthNumbering();
            out.headers().forEach((k, v) -> ctx.response().putHeader(k, v));
            HttpSupport.sendJson(ctx, out.code(), out.toJson());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "auth-server route failed: " + ctx.request().path(), e);
            HttpSupport.sendJson(ctx, 500, new FxaError(500, 999, "Internal Server Error", "Unspecified error")
                    .toJson());
        }
    }

    /** Applies latency and the "auth server unavailable" fault for an account (or globally when null). */
    static void applyFaults(Faults faults, RoutingContext ctx, String uid) throws FxaError {
        long latency = faults.latencyMillis(uid);
        if (latency > 0) {
            ctx.put(HttpSupport.LATENCY_KEY, latency);
        }
        int retryAfter = faults.take(uid, (FaultPlan p) -> p.fxaUnavailable);
        if (retryAfter >= 0) {
            throw FxaError.serviceUnavailable(retryAfter);
        }
    }

    private static Object discovery(RoutingContext ctx, boolean openid) {
        String base = HttpSupport.origin(ctx);
        ObjectNode o = Json.object();
        if (openid) {
            o.put("issuer", base).put("authorization_endpoint", base + "/authorization")
                    .put("token_endpoint", base + "/v1/oauth/token")
                    .put("introspection_endpoint", base + "/v1/introspect")
                    .put("revocation_endpoint", base + "/v1/oauth/destroy")
                    .put("userinfo_endpoint", base + "/v1/profile");
        } else {
            o.put("auth_server_base_url", base).put("oauth_server_base_url", base)
                    .put("profile_server_base_url", base).put("sync_tokenserver_base_url", base);
        }
        return o;
    }
}
