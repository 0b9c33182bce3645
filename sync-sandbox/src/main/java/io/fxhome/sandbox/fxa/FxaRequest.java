package io.fxhome.sandbox.fxa;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.crypto.Hex;
import io.fxhome.sandbox.http.HttpSupport;
import io.fxhome.sandbox.http.Json;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.ext.web.RoutingContext;

/**
 * The validated body (or query) of an auth-server request: only the keys the route's schema declares, converted as
 * Joi converts them. Bodies are JSON or, as hapi also parses them, {@code application/x-www-form-urlencoded}.
 */
final class FxaRequest {
    private final ObjectNode values;

    private FxaRequest(ObjectNode values) {
        this.values = values;
    }

    /** Parses and validates the request body against a route's payload schema. */
    static FxaRequest body(RoutingContext ctx, RequestSchema schema, UnknownKeys unknownKeys) throws FxaError {
        ObjectNode raw = raw(ctx);
        if (raw == null) {
            return new FxaRequest(schema.validateAbsent());
        }
        return new FxaRequest(schema.validate(raw, unknownKeys == UnknownKeys.STRIP));
    }

    /** An already validated body. */
    static FxaRequest of(ObjectNode validated) {
        return new FxaRequest(validated);
    }

    /** Validates the query string against a route's query schema. */
    static FxaRequest query(RoutingContext ctx, RequestSchema schema, UnknownKeys unknownKeys) throws FxaError {
        return new FxaRequest(schema.validate(ctx.queryParams(), unknownKeys == UnknownKeys.STRIP));
    }

    /** The body as JSON (or a parsed form), null when there is none. */
    static ObjectNode raw(RoutingContext ctx) throws FxaError {
        byte[] bytes = HttpSupport.bodyBytes(ctx);
        if (bytes.length == 0) {
            return null;
        }
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            ObjectNode o = Json.object();
            Map<String, List<String>> params = new QueryStringDecoder(new String(bytes, StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8, false).parameters();
            params.forEach((k, v) -> {
                if (v.size() == 1) {
                    o.put(k, v.get(0));
                } else {
                    v.forEach(o.putArray(k)::add);
                }
            });
            return o;
        }
        JsonNode n = Json.parseOrNull(bytes);
        if (!(n instanceof ObjectNode o)) {
            throw FxaError.invalidJson();
        }
        return o;
    }

    boolean has(String name) {
        return values.has(name);
    }

    /** The string value, or null when absent. */
    String text(String name) {
        JsonNode v = values.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    boolean flag(String name) {
        JsonNode v = values.get(name);
        return v != null && v.asBoolean(false);
    }

    Long longValue(String name) {
        JsonNode v = values.get(name);
        return v == null || !v.isNumber() ? null : v.asLong();
    }

    /** A hex value the schema has already checked. */
    byte[] hex(String name) {
        String v = text(name);
        return v == null ? null : Hex.decode(v);
    }

    JsonNode node(String name) {
        return values.get(name);
    }
}
