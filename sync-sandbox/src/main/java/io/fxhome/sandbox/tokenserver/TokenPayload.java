package io.fxhome.sandbox.tokenserver;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.http.Json;

/**
 * The signed content of a tokenserver token (tokenlib format, as syncstorage-rs's tokenserver writes it). The
 * storage node reads {@code uid}, {@code expires}, {@code salt} and the fxa fields back from the Hawk id.
 */
public record TokenPayload(String node, String fxaKid, String fxaUid, String hashedDeviceId, String hashedFxaUid,
        double expires, long uid, String tokenserverOrigin, String salt) {

    /** Compact JSON in the field order of syncstorage-rs's {@code MakeTokenPlaintext} followed by the salt. */
    public String toJson() {
        String expiresText = expires == Math.rint(expires) ? Long.toString((long) expires) : Double.toString(expires);
        return "{\"node\":" + Json.quote(node) + ",\"fxa_kid\":" + Json.quote(fxaKid) + ",\"fxa_uid\":"
                + Json.quote(fxaUid) + ",\"hashed_device_id\":" + Json.quote(hashedDeviceId)
                + ",\"hashed_fxa_uid\":" + Json.quote(hashedFxaUid) + ",\"expires\":" + expiresText + ",\"uid\":" + uid
                + ",\"tokenserver_origin\":" + Json.quote(tokenserverOrigin) + ",\"salt\":" + Json.quote(salt) + "}";
    }

    /** Lenient read, as the storage node deserializes tokens from both the Python and the Rust tokenservers. */
    public static TokenPayload fromJson(JsonNode n) {
        if (n == null || !n.isObject() || !n.path("uid").canConvertToLong() || !n.path("expires").isNumber()
                || !n.path("salt").isTextual() || !n.path("node").isTextual()) {
            throw new IllegalArgumentException("not a token payload");
        }
        return new TokenPayload(n.path("node").asText(), n.path("fxa_kid").asText(""), n.path("fxa_uid").asText(""),
                n.path("hashed_device_id").asText(""), n.path("hashed_fxa_uid").asText(""),
                n.path("expires").asDouble(), n.path("uid").asLong(), n.path("tokenserver_origin").asText("python"),
                n.path("salt").asText());
    }
}
