package io.fxhome.sandbox.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.http.HttpSupport;
import io.fxhome.sandbox.http.Json;
import io.vertx.ext.web.RoutingContext;

/** Request bodies and upload headers of PUT and POST, validated as syncstorage-rs does. */
final class BsoBodies {
    static final Pattern BSO_ID = Pattern.compile("[ -~]{1,64}");
    private static final int MAX_SORTINDEX = 999_999_999;
    private static final int MAX_TTL = 999_999_999;

    private BsoBodies() {
    }

    static void checkCountHeader(RoutingContext ctx, String name, long max) {
        String v = ctx.request().getHeader(name);
        if (v == null) {
            return;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw StorageException.badRequest(WeaveError.ILLEGAL_METHOD);
        }
        if (n < 0) {
            throw StorageException.badRequest(WeaveError.ILLEGAL_METHOD);
        }
        if (n > max) {
            throw StorageException.badRequest(WeaveError.SIZE_LIMIT_EXCEEDED);
        }
    }

    static void checkContentType(RoutingContext ctx) {
        String ct = ctx.request().getHeader("Content-Type");
        if (ct == null) {
            return;
        }
        String base = ct.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!base.equals("application/json") && !base.equals("text/plain") && !base.equals("application/newlines")) {
            throw new StorageException(415, WeaveError.UNKNOWN_ERROR);
        }
    }

    static List<ObjectNode> parseBsoList(RoutingContext ctx) {
        checkContentType(ctx);
        String ct = ctx.request().getHeader("Content-Type");
        byte[] body = HttpSupport.bodyBytes(ctx);
        List<ObjectNode> out = new ArrayList<>();
        if (ct != null && ct.toLowerCase(Locale.ROOT).startsWith("application/newlines")) {
            for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = Json.parseOrNull(line.getBytes(StandardCharsets.UTF_8));
                if (n == null) {
                    throw StorageException.badRequest(WeaveError.MALFORMED_JSON);
                }
                if (!(n instanceof ObjectNode o)) {
                    throw StorageException.badRequest(WeaveError.INVALID_WBO);
                }
                out.add(o);
            }
            return out;
        }
        JsonNode n = Json.parseOrNull(body);
        if (n == null) {
            throw StorageException.badRequest(WeaveError.MALFORMED_JSON);
        }
        if (!n.isArray()) {
            throw StorageException.badRequest(WeaveError.INVALID_WBO);
        }
        for (JsonNode item : n) {
            if (!(item instanceof ObjectNode o)) {
                throw StorageException.badRequest(WeaveError.INVALID_WBO);
            }
            out.add(o);
        }
        return out;
    }

    /** A BSO body ({@code payload}, {@code sortindex}, {@code ttl}); null when a field is invalid. */
    static BsoWrite toWrite(String id, ObjectNode o) {
        String payload = null;
        Integer sortindex = null;
        Integer ttl = null;
        var names = o.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode v = o.get(name);
            switch (name) {
                case "id", "modified" -> {
                }
                case "payload" -> {
                    if (!v.isNull() && !v.isTextual()) {
                        return null;
                    }
                    payload = v.isNull() ? "" : v.asText();
                }
                case "sortindex" -> {
                    if (!v.isNull() && (!v.isIntegralNumber() || Math.abs(v.asLong()) > MAX_SORTINDEX)) {
                        return null;
                    }
                    sortindex = v.isNull() ? null : v.asInt();
                }
                case "ttl" -> {
                    if (!v.isNull() && (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > MAX_TTL)) {
                        return null;
                    }
                    ttl = v.isNull() ? null : v.asInt();
                }
                default -> {
                    return null;
                }
            }
        }
        return new BsoWrite(id, payload, sortindex, ttl);
    }
}
