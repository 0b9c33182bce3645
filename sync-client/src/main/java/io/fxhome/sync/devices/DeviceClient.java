package io.fxhome.sync.devices;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.ServerProtocolException;
import io.fxhome.sync.fxa.FxaConfig;
import io.fxhome.sync.http.HttpAnswer;
import io.fxhome.sync.http.HttpTransport;
import io.fxhome.sync.json.Json;

/**
 * The auth server's device routes, authenticated as Mozilla's OAuth clients call them (application-services
 * fxa-client http_client.rs): {@code Authorization: Bearer <refresh token>}, the refresh token carrying the oldsync
 * scope; the device registered with that token is "this" device. Errors come as {@link FxaException}: errno 123 (the
 * device is unknown: {@link #isUnknownDevice}), 157 (the target does not take that command), 114 (rate limited, with
 * Retry-After), 110 / 401 (the token is revoked, e.g. because the user removed fxhome from their devices).
 */
public final class DeviceClient {
    public static final int ERRNO_UNKNOWN_DEVICE = 123;
    public static final int ERRNO_UNAVAILABLE_COMMAND = 157;
    /** The page size Mozilla's clients ask for; also the server's maximum. */
    public static final int MAX_LIMIT = 100;
    private static final String JSON = "application/json";

    private final FxaConfig config;
    private final HttpTransport http;

    public DeviceClient(FxaConfig config, HttpTransport http) {
        this.config = config;
        this.http = http;
    }

    /**
     * {@code POST /v1/account/device}: registers this token's device, or updates it when {@code id} is its id (the
     * id stays the same). Returns the device's id.
     */
    public String register(String refreshToken, String id, String name, String type,
            Map<String, String> availableCommands) {
        ObjectNode body = Json.object();
        if (id != null) {
            body.put("id", id);
        }
        body.put("name", name).put("type", type);
        ObjectNode commands = body.putObject("availableCommands");
        availableCommands.forEach(commands::put);
        JsonNode answer = call("POST", "/account/device", body, refreshToken);
        String got = answer.path("id").asText("");
        if (!got.matches("[0-9a-f]{32}")) {
            throw new ServerProtocolException("POST /v1/account/device", "device id is not 32 hex");
        }
        return got;
    }

    /**
     * {@code POST /v1/account/device} with the name alone: renames this token's device and leaves its commands as
     * they are, as application-services' {@code set_device_name} does (fxa-client {@code internal/device.rs}: an
     * update request holding only {@code name}; the server keeps the fields a payload leaves out).
     *
     * @throws IllegalArgumentException for a name Mozilla's validator refuses ({@link DeviceName})
     */
    public void rename(String refreshToken, String name) {
        if (!DeviceName.isValid(name)) {
            throw new IllegalArgumentException("not a device name Mozilla accepts");
        }
        call("POST", "/account/device", Json.object().put("name", name), refreshToken);
    }

    /** {@code GET /v1/account/devices}. */
    public List<RemoteDevice> devices(String refreshToken) {
        JsonNode answer = call("GET", "/account/devices", null, refreshToken);
        if (!answer.isArray()) {
            throw new ServerProtocolException("GET /v1/account/devices", "not a list");
        }
        List<RemoteDevice> out = new ArrayList<>();
        for (JsonNode d : answer) {
            Map<String, String> commands = new HashMap<>();
            d.path("availableCommands").properties().forEach(e -> {
                if (e.getValue().isTextual()) {
                    commands.put(e.getKey(), e.getValue().asText());
                }
            });
            out.add(new RemoteDevice(d.path("id").asText(), d.path("name").asText(""), d.path("type").asText(""),
                    d.path("isCurrentDevice").asBoolean(false), commands, d.path("lastAccessTime").asLong(0)));
        }
        return out;
    }

    /** {@code POST /v1/account/device/destroy}; production also revokes the refresh token the device came with. */
    public void destroy(String refreshToken, String deviceId) {
        call("POST", "/account/device/destroy", Json.object().put("id", deviceId), refreshToken);
    }

    /** {@code GET /v1/account/device/commands?index=&limit=}: commands at or after {@code index}. */
    public CommandPage commands(String refreshToken, long index, int limit) {
        JsonNode answer = call("GET", "/account/device/commands?index=" + index + "&limit=" + limit, null,
                refreshToken);
        List<PendingCommand> messages = new ArrayList<>();
        for (JsonNode m : answer.path("messages")) {
            JsonNode data = m.path("data");
            messages.add(new PendingCommand(m.path("index").asLong(), data.path("command").asText(""),
                    data.path("payload"), data.path("sender").asText(null)));
        }
        if (!answer.path("index").canConvertToLong()) {
            throw new ServerProtocolException("GET /v1/account/device/commands", "no index");
        }
        return new CommandPage(answer.get("index").asLong(), answer.path("last").asBoolean(true), messages);
    }

    /** {@code POST /v1/account/devices/invoke_command}, with the server's default TTL for the command. */
    public void invoke(String refreshToken, String target, String command, ObjectNode payload) {
        ObjectNode body = Json.object().put("target", target).put("command", command);
        body.set("payload", payload);
        call("POST", "/account/devices/invoke_command", body, refreshToken);
    }

    public static boolean isUnknownDevice(FxaException e) {
        return e.errno() == ERRNO_UNKNOWN_DEVICE;
    }

    private JsonNode call(String method, String pathAndQuery, ObjectNode body, String refreshToken) {
        int q = pathAndQuery.indexOf('?');
        String route = HttpTransport.route(method, "/v1" + (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q)));
        HttpRequest.Builder rb = http.newRequest(config.authApi(pathAndQuery)).header("Accept", JSON)
                .header("Authorization", "Bearer " + refreshToken);
        if (body != null) {
            rb.header("Content-Type", JSON).method(method, HttpRequest.BodyPublishers.ofByteArray(body.toString()
                    .getBytes(StandardCharsets.UTF_8)));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try (HttpAnswer answer = http.send(rb.build(), route)) {
            JsonNode json;
            try {
                byte[] bytes = answer.bodyBytes();
                json = bytes.length == 0 ? null : Json.MAPPER.readTree(bytes);
            } catch (IOException notJson) {
                json = null;
            }
            int status = answer.status();
            if (status >= 200 && status < 300) {
                if (json == null) {
                    throw new ServerProtocolException(route, "answer is not JSON");
                }
                return json;
            }
            int errno = json == null ? 0 : json.path("errno").asInt(0);
            Duration retryAfter = json != null && json.path("retryAfter").canConvertToLong()
                    ? Duration.ofSeconds(json.get("retryAfter").asLong())
                    : answer.header("Retry-After").filter(v -> v.matches("\\d{1,9}"))
                            .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(null);
            FxaException.Kind kind = status == 401 || errno == 110 ? FxaException.Kind.INVALID_TOKEN
                    : status == 429 || errno == 114 ? FxaException.Kind.THROTTLED
                            : status >= 500 ? FxaException.Kind.SERVER_ERROR : FxaException.Kind.UNEXPECTED;
            throw new FxaException(kind, route, status, errno, json == null ? null : json.path("message").asText(null),
                    retryAfter, null);
        }
    }
}
