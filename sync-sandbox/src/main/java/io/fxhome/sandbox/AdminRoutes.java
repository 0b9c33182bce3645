package io.fxhome.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.fxa.OutboxEmail;
import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.http.HttpSupport;
import io.fxhome.sandbox.http.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The admin API under {@code /__sandbox}: accounts, truth, outbox, faults and records "as another Firefox", the HTTP
 * face of {@link Sandbox}'s Java API.
 */
final class AdminRoutes {
    private final Sandbox sandbox;

    /** A route body; IllegalArgumentException → 400, IllegalStateException → 409, NoSuchElementException → 404. */
    @FunctionalInterface
    private interface Handler {
        Object handle(RoutingContext ctx, ObjectNode body);
    }

    AdminRoutes(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    void mount(Router router) {
        router.route("/__sandbox/*").handler(BodyHandler.create(false).setBodyLimit(16 * 1024 * 1024));
        on(router, "GET", "/__sandbox/ping", (ctx, b) -> Json.object().put("status", "ok"));
        on(router, "GET", "/__sandbox/demo", (ctx, b) -> sandbox.demoAccount()
                .map(d -> (Object) Json.object().put("email", d.email()).put("password", d.password()))
                .orElseThrow(() -> new NoSuchElementException("no demo account (fxhome.sandbox.demo-account=false)")));
        on(router, "GET", "/__sandbox/accounts", (ctx, b) -> sandbox.accounts());
        on(router, "POST", "/__sandbox/accounts", this::createAccount);
        String acc = "/__sandbox/accounts/:email";
        on(router, "GET", acc, (ctx, b) -> sandbox.account(email(ctx)).orElseThrow(NoSuchElementException::new));
        on(router, "DELETE", acc, (ctx, b) -> {
            sandbox.deleteAccount(email(ctx));
            return Json.object();
        });
        on(router, "POST", acc + "/primary-email", (ctx, b) -> {
            sandbox.changePrimaryEmail(email(ctx), text(b, "email"));
            return sandbox.account(text(b, "email")).orElseThrow();
        });
        router.get(acc + "/truth").blockingHandler(ctx -> guard(ctx, () -> HttpSupport.send(ctx, 200,
                "application/json", Buffer.buffer(TruthJson.write(sandbox.truth(email(ctx)))))), false);
        on(router, "GET", acc + "/outbox", (ctx, b) -> outbox(sandbox.outbox(email(ctx))));
        on(router, "GET", acc + "/totp", (ctx, b) -> Json.object().put("code",
                sandbox.currentTotpCode(email(ctx))));
        on(router, "POST", acc + "/unblock-code-required", (ctx, b) -> {
            JsonNode required = b.get("required");
            if (required == null || !required.isBoolean()) {
                throw new IllegalArgumentException("missing required (true or false)");
            }
            sandbox.requireUnblockCode(email(ctx), required.asBoolean());
            return sandbox.account(email(ctx)).orElseThrow();
        });
        on(router, "GET", acc + "/unblock-code", (ctx, b) -> Json.object().put("code",
                sandbox.latestUnblockCode(email(ctx))));
        on(router, "POST", acc + "/collections/:collection/records", (ctx, b) -> Json.object().put("id",
                sandbox.upsertRecord(email(ctx), ctx.pathParam("collection"), b)));
        on(router, "PUT", acc + "/collections/:collection/records/:id", (ctx, b) -> {
            b.put("id", ctx.pathParam("id"));
            return Json.object().put("id", sandbox.upsertRecord(email(ctx), ctx.pathParam("collection"), b));
        });
        on(router, "PUT", acc + "/tabs/:clientId", (ctx, b) -> {
            List<OpenTab> tabs = new ArrayList<>();
            for (JsonNode t : b.path("tabs")) {
                if (!(t instanceof ObjectNode tab)) {
                    throw new IllegalArgumentException("each tab must be an object with a url");
                }
                tabs.add(new OpenTab(tab.path("title").asText(""), text(tab, "url")));
            }
            return Json.object().put("id", sandbox.replaceTabs(email(ctx), ctx.pathParam("clientId"),
                    b.path("clientName").asText(ctx.pathParam("clientId")), tabs));
        });
        on(router, "DELETE", acc + "/collections/:collection/records/:id", (ctx, b) -> {
            if ("true".equals(ctx.queryParams().get("purge"))) {
                sandbox.purgeRecord(email(ctx), ctx.pathParam("collection"), ctx.pathParam("id"));
            } else {
                sandbox.deleteRecord(email(ctx), ctx.pathParam("collection"), ctx.pathParam("id"));
            }
            return Json.object().put("id", ctx.pathParam("id"));
        });
        mountDevices(router, acc);
        on(router, "POST", acc + "/faults/:fault", (ctx, b) -> fault(email(ctx), ctx.pathParam("fault"), b));
        on(router, "DELETE", acc + "/faults", (ctx, b) -> {
            sandbox.clearFaults(email(ctx));
            return Json.object();
        });
        on(router, "POST", "/__sandbox/faults/:fault", (ctx, b) -> fault(null, ctx.pathParam("fault"), b));
        on(router, "DELETE", "/__sandbox/faults", (ctx, b) -> {
            sandbox.clearFaults(null);
            return Json.object();
        });
    }

    /** The account's devices, and "another Firefox" sending tabs and reading what it was sent. */
    private void mountDevices(Router router, String acc) {
        on(router, "GET", acc + "/devices", (ctx, b) -> Json.MAPPER.valueToTree(sandbox.devices(email(ctx))));
        on(router, "DELETE", acc + "/devices/:id", (ctx, b) -> {
            sandbox.removeDevice(email(ctx), ctx.pathParam("id"));
            return Json.object();
        });
        on(router, "POST", acc + "/firefox/send-tab", (ctx, b) -> Json.MAPPER.valueToTree(sandbox.firefoxSendTab(
                email(ctx), b.path("target").asText(null), text(b, "url"), b.path("title").asText(""))));
        on(router, "GET", acc + "/firefox/received", (ctx, b) -> Json.MAPPER.valueToTree(sandbox.firefoxReceived(
                email(ctx))));
        on(router, "GET", acc + "/firefox", (ctx, b) -> Json.object().put("id", sandbox.firefoxDeviceId(email(
                ctx))));
    }

    private static String email(RoutingContext ctx) {
        return ctx.pathParam("email");
    }

    private void on(Router router, String method, String path, Handler h) {
        router.route(HttpMethod.valueOf(method), path).blockingHandler(ctx -> guard(ctx, () -> {
            ObjectNode body = Json.object();
            byte[] bytes = HttpSupport.bodyBytes(ctx);
            if (bytes.length > 0) {
                JsonNode n = Json.parseOrNull(bytes);
                if (!(n instanceof ObjectNode o)) {
                    throw new IllegalArgumentException("body must be a JSON object");
                }
                body = o;
            }
            Object result = h.handle(ctx, body);
            HttpSupport.sendJson(ctx, "POST".equals(method) && path.equals("/__sandbox/accounts") ? 201 : 200,
                    result);
        }), false);
    }

    private void guard(RoutingContext ctx, Runnable r) {
        try {
            r.run();
        } catch (NoSuchElementException e) {
            HttpSupport.sendJson(ctx, 404, Json.object().put("error", String.valueOf(e.getMessage())));
        } catch (IllegalStateException e) {
            HttpSupport.sendJson(ctx, 409, Json.object().put("error", e.getMessage()));
        } catch (IllegalArgumentException e) {
            HttpSupport.sendJson(ctx, 400, Json.object().put("error", e.getMessage()));
        }
    }

    private Object createAccount(RoutingContext ctx, ObjectNode b) {
        NewAccount spec = b.path("passwordless").asBoolean(false) ? NewAccount.withoutPassword(text(b, "email"))
                : NewAccount.of(text(b, "email"), text(b, "password"));
        spec = spec.withVerification(VerificationMode.parse(b.path("verification").asText(null)));
        if (b.has("passwordVersion") && !b.path("passwordless").asBoolean(false)) {
            spec = spec.withPasswordVersion(b.path("passwordVersion").asInt());
        }
        JsonNode profile = b.get("profile");
        if (profile != null && !profile.isNull()) {
            spec = spec.withProfile(profile(profile, b.path("seed").asLong(1)));
        }
        if (b.has("seed")) {
            spec = spec.withSeed(b.path("seed").asLong());
        }
        AccountInfo info = sandbox.createAccount(spec);
        return info;
    }

    /** {@code "small"|"medium"|"large"} or an object with the {@link ProfileSpec} fields. */
    static ProfileSpec profile(JsonNode p, long defaultSeed) {
        if (p.isTextual()) {
            return ProfileSpec.preset(p.asText(), defaultSeed);
        }
        if (!p.isObject()) {
            throw new IllegalArgumentException("profile must be a preset name or an object");
        }
        long seed = p.path("seed").asLong(defaultSeed);
        ProfileSpec base = ProfileSpec.preset(p.path("preset").asText("small"), seed);
        List<String> perCollection = new ArrayList<>();
        if (p.has("perCollectionKeys")) {
            p.get("perCollectionKeys").forEach(n -> perCollection.add(n.asText()));
        } else {
            perCollection.addAll(base.perCollectionKeys());
        }
        return new ProfileSpec(seed, p.has("anchor") ? Instant.parse(p.get("anchor").asText()) : base.anchor(),
                p.path("bookmarks").asInt(base.bookmarks()), p.path("history").asInt(base.history()),
                p.path("devices").asInt(base.devices()), p.path("tombstoneRate").asDouble(base.tombstoneRate()),
                p.path("hostile").asBoolean(base.hostile()), p.path("badHmacRecord").asBoolean(false),
                p.path("notJsonRecord").asBoolean(false), perCollection);
    }

    private Object fault(String email, String name, ObjectNode b) {
        int count = b.path("count").asInt(1);
        int retryAfter = b.path("retryAfter").asInt(30);
        switch (name) {
            case "storage-unavailable" -> sandbox.storageUnavailable(email, count, retryAfter);
            case "tokenserver-unavailable" -> sandbox.tokenserverUnavailable(email, count, retryAfter);
            case "backoff" -> sandbox.backoff(email, count, b.path("seconds").asInt(60));
            case "tokenserver-backoff" -> sandbox.tokenserverBackoff(email, count, b.path("seconds").asInt(60));
            case "latency" -> sandbox.latency(email, b.path("ms").asLong(0));
            case "stall-body" -> sandbox.stallBody(email, count, b.path("afterBytes").asInt(0));
            case "storage-endpoint" -> sandbox.storageEndpoint(email, text(b, "endpoint"));
            case "throttle-signin" -> sandbox.throttleSignIn(email, count, retryAfter);
            case "block-signin" -> sandbox.blockSignIn(email, count);
            case "challenge-signin" -> sandbox.challengeSignIn(email, count);
            case "fxa-unavailable" -> sandbox.fxaUnavailable(email, count, retryAfter);
            case "throttle-invoke-command" -> sandbox.throttleInvokeCommand(email, count, retryAfter);
            case "invoke-races-command-removal" -> sandbox.invokeRacesCommandRemoval(email, count);
            default -> {
                return accountFault(requireEmail(email, name), name, b);
            }
        }
        return Json.object().put("fault", name);
    }

    private static String requireEmail(String email, String name) {
        if (email == null) {
            throw new NoSuchElementException("fault " + name + " is per account: /__sandbox/accounts/{email}/faults/"
                    + name);
        }
        return email;
    }

    private Object accountFault(String email, String name, ObjectNode b) {
        ObjectNode out = Json.object().put("fault", name);
        switch (name) {
            case "expire-tokens" -> sandbox.expireTokens(email);
            case "reassign-node" -> {
                return sandbox.reassignNode(email, b.path("copyData").asBoolean(false));
            }
            case "wipe" -> sandbox.wipeServer(email, b.path("reupload").asBoolean(true));
            case "rotate-keys" -> sandbox.rotateKeys(email);
            case "bad-hmac" -> out.put("id", sandbox.injectBadHmacRecord(email, b.path("collection").asText("history")));
            case "not-json" -> out.put("id", sandbox.injectNotJsonRecord(email, b.path("collection").asText("history")));
            case "forge-keys-jwe-kid" -> sandbox.forgeNextKeysJweKid(email, text(b, "kid"));
            default -> throw new NoSuchElementException("unknown fault " + name);
        }
        return out;
    }

    private static ArrayNode outbox(List<OutboxEmail> mails) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (OutboxEmail m : mails) {
            a.addObject().put("to", m.to()).put("template", m.template()).put("subject", m.subject())
                    .put("code", m.code()).put("sentAt", m.sentAt().toString());
        }
        return a;
    }

    private static String text(ObjectNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v.asText();
    }
}
