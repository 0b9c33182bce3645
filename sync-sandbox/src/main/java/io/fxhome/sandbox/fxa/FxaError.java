package io.fxhome.sandbox.fxa;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.http.Json;

/** An FxA auth-server error: {@code {"code","errno","error","message","info"[, extra...]}}, as lib/error.js renders. */
public final class FxaError extends Exception {
    /** DEFAULT_ERRROR.info of libs/accounts/errors/src/constants.ts. */
    private static final String INFO = "https://mozilla.github.io/ecosystem-platform/api#section/Response-format";
    private final int code;
    private final int errno;
    private final String error;
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private boolean oauth;

    public FxaError(int code, int errno, String error, String message) {
        super(message, null, false, false);
        this.code = code;
        this.errno = errno;
        this.error = error;
    }

    /** Adds a property to the error body; null values are left out, as JSON.stringify drops undefined. */
    public FxaError with(String key, Object value) {
        if (value != null) {
            extra.put(key, value);
        }
        return this;
    }

    public FxaError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Marks an error of the OAuth server's numbering (libs/accounts/errors/src/oauth-error.ts). */
    FxaError oauth() {
        this.oauth = true;
        return this;
    }

    boolean isOauth() {
        return oauth;
    }

    Object extra(String key) {
        return extra.get(key);
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
        return invalidParameter("payload", param);
    }

    /** 107 with hapi's {@code validation} object ({@code source} is "payload" or "query"), as AppError renders it. */
    public static FxaError invalidParameter(String source, String param) {
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("source", source);
        validation.put("keys", List.of(param));
        return new FxaError(400, 107, "Bad Request", "Invalid parameter in request body").with("validation",
                validation);
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

    /** AppError.invalidToken() without a message. */
    public static FxaError invalidToken() {
        return invalidToken("Invalid authentication token in request signature");
    }

    /** AppError.unauthorized(detail): what the Hawk and Bearer token strategies throw ("Token not found"). */
    public static FxaError unauthorized(String detail) {
        return new FxaError(401, 110, "Unauthorized", "Unauthorized for route").with("detail", detail);
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

    /** AppError.requestBlocked(true): an unblock code (verificationMethod email-captcha) lets the login through. */
    public static FxaError requestBlocked() {
        return new FxaError(400, 125, "Request blocked", "The request was blocked for security reasons")
                .with("verificationMethod", "email-captcha").with("verificationReason", "login");
    }

    public static FxaError invalidUnblockCode() {
        return new FxaError(400, 127, "Bad Request", "Invalid unblock code");
    }

    public static FxaError cannotLoginWithEmail() {
        return new FxaError(400, 149, "Bad Request", "This email can not currently be used to login");
    }

    /** Accounts created through Google/Apple or a passkey (verifierSetAt 0): AppError.cannotLoginNoPasswordSet. */
    public static FxaError cannotLoginNoPasswordSet() {
        return new FxaError(400, 210, "Bad Request", "Complete account setup, please reset password to continue.");
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

    public static FxaError incorrectRedirectUri(String redirectUri) {
        return new FxaError(400, 167, "Bad Request", "Incorrect redirect URI").with("redirectUri", redirectUri);
    }

    public static FxaError missingPkceParameters() {
        return new FxaError(400, 169, "Bad Request", "Public clients require PKCE OAuth parameters");
    }

    public static FxaError unknownAuthorizationCode(String code) {
        return new FxaError(400, 172, "Bad Request", "Unknown authorization code").with("code", code);
    }

    public static FxaError invalidPkceChallenge(String pkceHashValue) {
        return new FxaError(400, 175, "Bad Request", "Public clients require PKCE OAuth parameters")
                .with("pkceHashValue", pkceHashValue);
    }

    public static FxaError unknownRefreshToken() {
        return new FxaError(400, 182, "Bad Request", "Unknown refresh token");
    }

    // ------------------------------------------------------------------ the OAuth server's own numbering

    /** OauthError.unknownClient. */
    public static FxaError oauthUnknownClient(String clientId) {
        return new FxaError(400, 101, "Bad Request", "Unknown client").with("clientId", clientId).oauth();
    }

    public static FxaError oauthIncorrectRedirect(String uri) {
        return new FxaError(400, 103, "Bad Request", "Incorrect redirect_uri").with("redirectUri", uri).oauth();
    }

    public static FxaError oauthInvalidAssertion() {
        return new FxaError(401, 104, "Bad Request", "Invalid assertion").oauth();
    }

    public static FxaError oauthUnknownCode(String code) {
        return new FxaError(400, 105, "Bad Request", "Unknown code").with("requestCode", code).oauth();
    }

    public static FxaError oauthMismatchCode(String code, String clientId) {
        return new FxaError(400, 106, "Bad Request", "Incorrect code").with("requestCode", code)
                .with("client", clientId).oauth();
    }

    public static FxaError oauthExpiredCode(String code, long expiredAt) {
        return new FxaError(400, 107, "Bad Request", "Expired code").with("requestCode", code)
                .with("expiredAt", expiredAt).oauth();
    }

    public static FxaError oauthInvalidToken() {
        return new FxaError(400, 108, "Bad Request", "Invalid token").oauth();
    }

    /** OauthError.invalidRequestParameter with hapi's validation object. */
    public static FxaError oauthInvalidRequestParameter(String source, String key) {
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("source", source);
        validation.put("keys", List.of(key));
        return new FxaError(400, 109, "Bad Request", "Invalid request parameter").with("validation", validation)
                .oauth();
    }

    public static FxaError oauthInvalidScopes(String scopes) {
        return new FxaError(400, 114, "Invalid scopes", "Requested scopes are not allowed")
                .with("invalidScopes", scopes).oauth();
    }

    public static FxaError oauthNotPublicClient(String clientId) {
        return new FxaError(400, 116, "Bad Request", "Not a public client").with("clientId", clientId).oauth();
    }

    public static FxaError oauthMismatchCodeChallenge(String pkceHashValue) {
        return new FxaError(400, 117, "Bad Request", "Incorrect code_challenge")
                .with("requestCodeChallenge", pkceHashValue).oauth();
    }

    public static FxaError oauthMissingPkceParameters() {
        return new FxaError(400, 118, "PKCE parameters missing", "Public clients require PKCE OAuth parameters")
                .oauth();
    }

    public static FxaError oauthInvalidGrantType() {
        return new FxaError(400, 121, "Bad Request", "Invalid grant_type").oauth();
    }

    /**
     * An OAuth-numbered error thrown on one of the auth server's own routes ({@code /v1/oauth/...}) is renumbered as
     * AppError.appErrorFromOauthError does (libs/accounts/errors/src/app-error.ts); others pass unchanged.
     */
    FxaError toAuthNumbering() {
        if (!oauth) {
            return this;
        }
        FxaError mapped = switch (errno) {
            case 101 -> unknownClientId((String) extra.get("clientId"));
            case 103 -> incorrectRedirectUri((String) extra.get("redirectUri"));
            case 104, 108 -> invalidToken();
            case 105 -> unknownAuthorizationCode((String) extra.get("requestCode"));
            case 106 -> new FxaError(400, 173, "Bad Request", "Mismatched authorization code")
                    .with("code", extra.get("requestCode")).with("clientId", extra.get("client"));
            case 107 -> new FxaError(400, 174, "Bad Request", "Expired authorization code")
                    .with("code", extra.get("requestCode")).with("expiredAt", extra.get("expiredAt"));
            case 109 -> new FxaError(400, 107, "Bad Request", "Invalid parameter in request body")
                    .with("validation", extra.get("validation"));
            case 114 -> invalidScopes((String) extra.get("invalidScopes"));
            case 116 -> new FxaError(400, 166, "Bad Request", "Not a public client");
            case 117 -> invalidPkceChallenge((String) extra.get("requestCodeChallenge"));
            case 118 -> missingPkceParameters();
            case 121 -> new FxaError(400, 107, "Bad Request", "Invalid parameter in request body")
                    .with("validation", "grant_type");
            case 122 -> unknownRefreshToken();
            default -> this;
        };
        headers.forEach(mapped::header);
        return mapped;
    }

    public static FxaError notFound() {
        return new FxaError(404, 999, "Not Found", "Not Found");
    }
}
