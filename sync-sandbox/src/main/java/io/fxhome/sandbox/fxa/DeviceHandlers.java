package io.fxhome.sandbox.fxa;

import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.crypto.SyncKeys;
import io.fxhome.sandbox.devices.AccountDevices;
import io.fxhome.sandbox.devices.Device;
import io.fxhome.sandbox.devices.DeviceCommand;
import io.fxhome.sandbox.devices.DeviceRegistry;
import io.fxhome.sandbox.faults.FaultPlan;
import io.fxhome.sandbox.faults.Faults;
import io.fxhome.sandbox.http.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * The device routes of fxa-auth-server (lib/routes/devices-and-sessions), authenticated as Mozilla's OAuth clients
 * call them: {@code Authorization: Bearer <refresh token>} (the {@code refreshToken} strategy; the refresh token must
 * carry the oldsync scope, and the device registered with it is the "current device"). A malformed header is 400 errno
 * 107, an unknown token 401 errno 110, a token without oldsync 400 errno 163; an unknown device 400 errno 123, a
 * command the target does not offer 400 errno 157. Destroying a device revokes the refresh token it was registered
 * with, as production does. The sandbox does not take session tokens on these routes (fxhome never uses them).
 */
final class DeviceHandlers {
    /** validators.BEARER_AUTH_REGEX. */
    private static final Pattern BEARER = Pattern.compile("^Bearer\\s+([a-z0-9+/]+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN = Pattern.compile("^[0-9a-fA-F]{64}$");
    /** lib/routes/devices-and-sessions DEFAULT_COMMAND_TTL. */
    private static final Map<String, Long> DEFAULT_TTL = Map.of("https://identity.mozilla.com/cmd/open-uri",
            30L * 24 * 3600);
    /** For commands without a default; a sandbox choice (pushbox's own default is not modelled). */
    static final long FALLBACK_TTL_SECONDS = 14L * 24 * 3600;

    private final OAuthTokens oauthTokens;
    private final DeviceRegistry registry;
    private final Faults faults;
    private final Clock clock;
    private final UnknownKeys unknownKeys;

    DeviceHandlers(FxaSettings settings, OAuthTokens oauthTokens, DeviceRegistry registry, Faults faults) {
        this.oauthTokens = oauthTokens;
        this.registry = registry;
        this.faults = faults;
        this.clock = settings.clock();
        this.unknownKeys = settings.unknownKeys();
    }

    private record Credentials(String uid, String refreshTokenId, AccountDevices devices) {
        Device current() {
            return devices.byRefreshToken(refreshTokenId).orElse(null);
        }
    }

    static FxaError unknownDevice() {
        return new FxaError(400, 123, "Bad Request", "Unknown device");
    }

    static FxaError unavailableDeviceCommand() {
        return new FxaError(400, 157, "Bad Request", "Unavailable device command");
    }

    private Credentials authenticate(RoutingContext ctx) throws FxaError {
        String header = ctx.request().getHeader("Authorization");
        Matcher m = header == null ? null : BEARER.matcher(header);
        if (m == null || !m.matches() || !TOKEN.matcher(m.group(1)).matches()) {
            throw new FxaError(400, 107, "Bad Request", "Invalid parameter in request body").with("validation",
                    "authorization");
        }
        OAuthTokens.RefreshToken t = oauthTokens.refresh(m.group(1));
        if (t == null) {
            throw FxaError.invalidToken();
        }
        if (!t.scope().contains(SyncKeys.OLDSYNC_SCOPE)) {
            throw FxaError.invalidScopes(String.join(" ", t.scope()));
        }
        FxaRoutes.applyFaults(faults, ctx, t.uid());
        return new Credentials(t.uid(), OAuthTokens.refreshTokenId(m.group(1)), registry.of(t.uid()));
    }

    /** {@code POST /v1/account/device}: registers the token's device or updates it (same id). */
    Object register(RoutingContext ctx) throws FxaError {
        Credentials c = authenticate(ctx);
        FxaRequest req = FxaRequest.body(ctx, DeviceSchemas.REGISTER, unknownKeys);
        Device current = c.current();
        String id = req.text("id");
        if (id != null && (current == null || !current.id().equalsIgnoreCase(id))) {
            throw unknownDevice();
        }
        Map<String, String> commands = null;
        if (req.has("availableCommands")) {
            commands = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = req.node("availableCommands").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                commands.put(e.getKey(), e.getValue().asText());
            }
        }
        String name = req.text("name");
        String type = req.text("type");
        if (current == null) {
            name = name == null ? "" : name;
            // buildDeviceResponse: an OAuth client's device defaults to "mobile".
            type = type == null ? "mobile" : type;
        }
        Device d = c.devices().upsert(current == null ? null : current.id(), c.refreshTokenId(), name, type, commands,
                clock.millis());
        registry.registered(c.uid(), current, d, clock.millis());
        ObjectNode o = Json.object();
        o.put("id", d.id()).put("createdAt", d.createdAt()).put("name", d.name()).put("type", d.type())
                .put("pushEndpointExpired", false);
        commandsJson(o, d);
        return o;
    }

    /** {@code GET /v1/account/devices}. */
    Object devices(RoutingContext ctx) throws FxaError {
        Credentials c = authenticate(ctx);
        FxaRequest.query(ctx, DeviceSchemas.DEVICES_QUERY, unknownKeys);
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Device d : c.devices().list(oauthTokens::refreshIdAlive)) {
            ObjectNode o = out.addObject();
            o.put("id", d.id()).put("isCurrentDevice", c.refreshTokenId().equals(d.refreshTokenId()))
                    .put("lastAccessTime", d.lastAccessTime()).put("name", d.name()).put("type", d.type())
                    .putNull("pushCallback").putNull("pushPublicKey").putNull("pushAuthKey")
                    .put("pushEndpointExpired", false);
            commandsJson(o, d);
        }
        return out;
    }

    /** {@code POST /v1/account/device/destroy}: also revokes the refresh token the device was registered with. */
    Object destroy(RoutingContext ctx) throws FxaError {
        Credentials c = authenticate(ctx);
        String id = FxaRequest.body(ctx, DeviceSchemas.DESTROY, unknownKeys).text("id");
        Device d = c.devices().destroy(id.toLowerCase(java.util.Locale.ROOT)).orElseThrow(DeviceHandlers::unknownDevice);
        if (d.refreshTokenId() != null) {
            oauthTokens.destroyRefreshById(d.refreshTokenId());
        }
        return Json.object();
    }

    /** {@code GET /v1/account/device/commands?index=&limit=}: the current device's queue from {@code index} on. */
    Object commands(RoutingContext ctx) throws FxaError {
        Credentials c = authenticate(ctx);
        FxaRequest q = FxaRequest.query(ctx, DeviceSchemas.COMMANDS_QUERY, unknownKeys);
        Device current = c.current();
        if (current == null) {
            throw unknownDevice();
        }
        Long index = q.longValue("index");
        Long limit = q.longValue("limit");
        AccountDevices.Page page = c.devices().retrieve(current.id(), index, limit == null ? 100 : limit.intValue(),
                clock.millis());
        ObjectNode o = Json.object();
        o.put("index", page.index()).put("last", page.last());
        ArrayNode messages = o.putArray("messages");
        for (DeviceCommand m : page.messages()) {
            ObjectNode data = messages.addObject().put("index", m.index()).putObject("data");
            data.put("command", m.command()).set("payload", m.payload());
            if (m.sender() != null) {
                data.put("sender", m.sender());
            }
        }
        return o;
    }

    /** {@code POST /v1/account/devices/invoke_command}. */
    Object invoke(RoutingContext ctx) throws FxaError {
        Credentials c = authenticate(ctx);
        FxaRequest req = FxaRequest.body(ctx, DeviceSchemas.INVOKE, unknownKeys);
        // Then customs, before the target is looked up (the route's handler: checkAuthenticated(request, uid,
        // 'invokeDeviceCommand')). Production's rate-limit-rules.txt lists no rule for that action today (the catch-all
        // only reports), so the sandbox blocks only when the fault is armed.
        int retryAfter = faults.take(c.uid(), (FaultPlan p) -> p.invokeThrottled);
        if (retryAfter >= 0) {
            throw FxaError.throttled(retryAfter);
        }
        if (faults.take(c.uid(), (FaultPlan p) -> p.invokeRacesCommandRemoval) >= 0) {
            c.devices().byId(req.text("target")).ifPresent(d -> c.devices().upsert(d.id(), d.refreshTokenId(), null,
                    null, Map.of(), clock.millis()));
        }
        Device target = c.devices().list(oauthTokens::refreshIdAlive).stream()
                .filter(d -> d.id().equalsIgnoreCase(req.text("target"))).findFirst()
                .orElseThrow(DeviceHandlers::unknownDevice);
        String command = req.text("command");
        if (!target.availableCommands().containsKey(command)) {
            throw unavailableDeviceCommand();
        }
        Long ttl = req.longValue("ttl");
        long seconds = ttl != null ? ttl : DEFAULT_TTL.getOrDefault(command, FALLBACK_TTL_SECONDS);
        Device sender = c.current();
        c.devices().enqueue(target.id(), command, (ObjectNode) req.node("payload"), sender == null ? null
                : sender.id(), seconds, clock.millis());
        return Json.object().put("enqueued", true).put("notified", true);
    }

    private static void commandsJson(ObjectNode o, Device d) {
        ObjectNode commands = o.putObject("availableCommands");
        d.availableCommands().forEach(commands::put);
    }
}
