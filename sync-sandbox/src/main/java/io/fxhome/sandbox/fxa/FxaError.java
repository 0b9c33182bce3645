package io.fxhome.sandbox.fxa;

import io.fxhome.sandbox.http.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** An FxA auth-server error: {@code {"code","errno","error","message","info"[, extra...]}}, as lib/error.js renders. */
public final class FxaError extends Exception {
    private static final String INFO =
            "https://github.com/mozilla/fxa/blob/main/packages/fxa-auth-server/docs/api.md#response-format";
    private final int code;
    private final int errno;
    private final String error;
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public FxaError(int code, int errno, String error, String message) {
        super(message, null, false, false);
        this.code = code;
        this.errno = errno;
        this.error = error;
    }

    public FxaError with(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    public FxaError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int code() {
        return code;
    }

    public int errno() {
        return errno;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("code", code).put("errno", errno).put("error", error).put("message", getMessage()).put("info", INFO);
        extra.forEach((k, v) -> n.set(k, Json.MAPPER.valueToTree(v)));
        return n;
    }

    public static FxaError unknownAccount(String email) {
        return new FxaError(400, 102, "Bad Request", "Unknown account").with("email", email);
    }

    public static FxaError incorrectPassword(String email) {
        return new FxaError(400, 103, "Bad Request", "Incorrect password").with("email", email);
    }

    public static FxaError incorrectEmailCase(String email) {
        return new FxaError(400, 120, "Bad Request", "Incorrect email case").with("email", email);
    }

    public static FxaError unverifiedAccount() {
        return new FxaError(400, 104, "Bad Request", "Unverified account");
    }

    public static FxaError invalidJson() {
        return new FxaError(400, 106, "Bad Request", "Invalid JSON in request body");
    }

    public static FxaError invalidParameter(String param) {
        return new FxaError(400, 107, "Bad Request", "Invalid parameter in request body")
                .with("validation", Map.of("source", "payload", "keys", java.util.List.of(param)));
    }

    public static FxaError missingParameter(String param) {
        return new FxaError(400, 108, "Bad Request", "Missing parameter in request body: " + param).with("param", param);
    }

    public static FxaError invalidSignature(String message) {
        return new FxaError(401, 109, "Unauthorized", message);
    }

    public static FxaError invalidToken(String message) {
        return new FxaError(401, 110, "Unauthorized", message);
    }

    public static FxaError invalidTimestamp(long serverTime) {
        return new FxaError(401, 111, "Unauthorized", "Invalid timestamp in request signature")
                .with("serverTime", serverTime);
    }

    public static FxaError throttled(int retryAfter) {
        return new FxaError(429, 114, "Too Many Requests", "Client has sent too many requests")
                .with("retryAfter", retryAfter).with("retryAfterLocalized", "in " + retryAfter + " seconds")
                .header("Retry-After", Integer.toString(retryAfter));
    }

    public static FxaError invalidNonce() {
        return new FxaError(401, 115, "Unauthorized", "Invalid nonce in request signature");
    }

    public static FxaError requestBlocked() {
        return new FxaError(400, 125, "Request blocked", "The request was blocked for security reasons")
                .with("verificationMethod", "email-captcha").with("verificationReason", "login");
    }

    public static FxaError unverifiedSession() {
        return new FxaError(400, 138, "Bad Request", "Unconfirmed session");
    }

    public static FxaError totpNotFound() {
        return new FxaError(400, 155, "Bad Request", "TOTP token not found");
    }

    public static FxaError unknownClientId(String clientId) {
        return new FxaError(400, 162, "Bad Request", "Unknown client_id").with("clientId", clientId);
    }

    public static FxaError invalidScopes(String scope) {
        return new FxaError(400, 163, "Bad Request", "Requested scopes are not allowed").with("invalidScopes", scope);
    }

    public static FxaError invalidOtpCode() {
        return new FxaError(400, 183, "Bad Request", "Invalid or expired verification code");
    }

    public static FxaError serviceUnavailable(int retryAfter) {
        return new FxaError(503, 201, "Service Unavailable", "Service unavailable").with("retryAfter", retryAfter)
                .header("Retry-After", Integer.toString(retryAfter));
    }

    /** OAuth grant errors keep the OAuth server's numbers (fxa-auth-server lib/oauth/error.js). */
    public static FxaError oauthUnknownClient(String clientId) {
        return new FxaError(400, 101, "Bad Request", "Unknown client").with("clientId", clientId);
    }

    public static FxaError oauthUnknownCode() {
        return new FxaError(400, 105, "Bad Request", "Unknown code");
    }

    public static FxaError oauthInvalidToken() {
        return new FxaError(400, 108, "Bad Request", "Invalid token");
    }

    public static FxaError oauthInvalidRequest(String message) {
        return new FxaError(400, 109, "Bad Request", message);
    }

    public static FxaError oauthPkceMismatch() {
        return new FxaError(400, 117, "Bad Request", "Public clients require PKCE OAuth parameters");
    }

    public static FxaError notFound() {
        return new FxaError(404, 999, "Not Found", "Not Found");
    }
}
