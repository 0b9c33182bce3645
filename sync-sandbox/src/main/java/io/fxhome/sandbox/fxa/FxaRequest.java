package io.fxhome.sandbox.fxa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fxhome.sandbox.crypto.Hex;
import io.fxhome.sandbox.http.HttpSupport;
import io.fxhome.sandbox.http.Json;
import io.vertx.ext.web.RoutingContext;

/** The JSON body of an auth-server request, with FxA's validation errors (106, 107, 108). */
final class FxaRequest {
    private final ObjectNode body;

    private FxaRequest(ObjectNode body) {
        this.body = body;
    }

    static FxaRequest of(RoutingContext ctx) throws FxaError {
        byte[] bytes = HttpSupport.bodyBytes(ctx);
        if (bytes.length == 0) {
            return new FxaRequest(Json.object());
        }
        JsonNode n = Json.parseOrNull(bytes);
        if (!(n instanceof ObjectNode o)) {
            throw FxaError.invalidJson();
        }
        return new FxaRequest(o);
    }

    String required(String name) throws FxaError {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            throw FxaError.missingParameter(name);
        }
        if (!v.isTextual()) {
            throw FxaError.invalidParameter(name);
        }
        return v.asText();
    }

    String optional(String name) throws FxaError {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw FxaError.invalidParameter(name);
        }
        return v.asText();
    }

    byte[] requiredHex(String name, int bytes) throws FxaError {
        String v = required(name);
        if (!Hex.isHex(v, bytes * 2)) {
            throw FxaError.invalidParameter(name);
        }
        return Hex.decode(v);
    }

    Long optionalLong(String name) throws FxaError {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToLong()) {
            throw FxaError.invalidParameter(name);
        }
        return v.asLong();
    }
}
