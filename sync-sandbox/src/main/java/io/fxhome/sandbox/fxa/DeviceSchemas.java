package io.fxhome.sandbox.fxa;

import static io.fxhome.sandbox.fxa.RequestSchema.hex;
import static io.fxhome.sandbox.fxa.RequestSchema.string;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.fxa.RequestSchema.Family;
import io.fxhome.sandbox.fxa.RequestSchema.Rule;

/**
 * The Joi validators of the device routes (fxa-auth-server lib/routes/devices-and-sessions and lib/devices.js's
 * {@code schema}): ids are 32 hex, names at most 255 display-safe characters (non-BMP allowed), types at most 16,
 * {@code availableCommands} an object of command names ({@code ^[a-zA-Z0-9._/\-:]{1,100}$}) to strings of at most
 * 2048.
 */
final class DeviceSchemas {
    private DeviceSchemas() {
    }

    static final Rule DEVICE_ID = hex(32);
    private static final Pattern DISPLAY_SAFE_WITH_NON_BMP = Pattern.compile(
            "^(?:[^\\u0000-\\u001F\\u007F\\u0080-\\u009F\\u2028-\\u2029\\uE000-\\uF8FF\\uFFF9-\\uFFFC\\uFFFE-\\uFFFF])*$");
    static final Rule NAME = string(0, 255, DISPLAY_SAFE_WITH_NON_BMP, false);
    static final Rule TYPE = string(0, 16, null, false);
    private static final Pattern COMMAND_NAME = Pattern.compile("^[a-zA-Z0-9._/\\-:]{1,100}$");
    private static final Pattern URL_SAFE_BASE_64 = Pattern.compile("^[A-Za-z0-9_-]+$");

    /** Joi {@code object().pattern(DEVICE_COMMAND_NAME, string().max(2048))}. */
    static final Rule AVAILABLE_COMMANDS = (v, strip) -> {
        if (!v.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!COMMAND_NAME.matcher(e.getKey()).matches() || !e.getValue().isTextual()
                    || e.getValue().asText().length() > 2048) {
                return null;
            }
        }
        return v;
    };

    /** Joi {@code number()} with bounds; numeric strings convert, as in a query. */
    static Rule number(long min, long max, boolean integer) {
        Rule n = RequestSchema.number(false, integer);
        return (v, strip) -> {
            JsonNode c = n.convert(v, strip);
            return c == null || c.asDouble() < min || c.asDouble() > max ? null : c;
        };
    }

    static final Rule OBJECT = (v, strip) -> v.isObject() ? v : null;

    /** POST /account/device: every key optional; the three push keys all or none. */
    static final RequestSchema REGISTER = RequestSchema.payload(Family.AUTH)
            .optional("id", DEVICE_ID)
            .optional("name", NAME)
            .optional("type", TYPE)
            .optional("pushCallback", string(0, 255, null, true))
            .optional("pushPublicKey", string(0, 88, URL_SAFE_BASE_64, true))
            .optional("pushAuthKey", string(0, 24, URL_SAFE_BASE_64, true))
            .optional("availableCommands", AVAILABLE_COMMANDS)
            .optional("capabilities", (v, strip) -> v.isArray() && v.isEmpty() ? v : null)
            .and("pushCallback", "pushPublicKey", "pushAuthKey")
            .build();

    /** POST /account/device/destroy. */
    static final RequestSchema DESTROY = RequestSchema.payload(Family.AUTH)
            .required("id", DEVICE_ID)
            .build();

    /** GET /account/device/commands: index optional, limit 0..100 (default 100). */
    static final RequestSchema COMMANDS_QUERY = RequestSchema.query(Family.AUTH)
            .optional("index", number(Long.MIN_VALUE, Long.MAX_VALUE, false))
            .optional("limit", number(0, 100, false))
            .build();

    /** GET /account/devices: the idle-device filter Mozilla's clients send. */
    static final RequestSchema DEVICES_QUERY = RequestSchema.query(Family.AUTH)
            .optional("filterIdleDevicesTimestamp", number(Long.MIN_VALUE, Long.MAX_VALUE, false))
            .build();

    /** POST /account/devices/invoke_command: ttl an integer of 0..10,000,000 seconds. */
    static final RequestSchema INVOKE = RequestSchema.payload(Family.AUTH)
            .required("target", DEVICE_ID)
            .required("command", string())
            .required("payload", OBJECT)
            .optional("ttl", number(0, 10_000_000, true))
            .build();

}
