package io.fxhome.sandbox.fxa;

import static io.fxhome.sandbox.fxa.RequestSchema.any;
import static io.fxhome.sandbox.fxa.RequestSchema.arrayOf;
import static io.fxhome.sandbox.fxa.RequestSchema.bool;
import static io.fxhome.sandbox.fxa.RequestSchema.either;
import static io.fxhome.sandbox.fxa.RequestSchema.email;
import static io.fxhome.sandbox.fxa.RequestSchema.hex;
import static io.fxhome.sandbox.fxa.RequestSchema.maxString;
import static io.fxhome.sandbox.fxa.RequestSchema.number;
import static io.fxhome.sandbox.fxa.RequestSchema.object;
import static io.fxhome.sandbox.fxa.RequestSchema.oneOf;
import static io.fxhome.sandbox.fxa.RequestSchema.string;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.fxhome.sandbox.fxa.RequestSchema.Family;
import io.fxhome.sandbox.fxa.RequestSchema.Rule;
import io.fxhome.sandbox.http.Json;

/**
 * The body and query schemas of the auth-server routes the sandbox serves, key for key as mozilla/fxa declares them
 * (paths are packages/fxa-auth-server/...; the values' rules are lib/routes/validators.js and
 * lib/oauth/validators.js). Keys appear in Joi's declaration order, which decides which error a request with several
 * faults gets.
 */
final class FxaSchemas {
    private FxaSchemas() {
    }

    // ------------------------------------------------------------------ shared value rules

    /** validators.service: at most 16 of {@code [a-zA-Z0-9-]}. */
    static final Rule SERVICE = string(0, 16, Pattern.compile("^[a-zA-Z0-9\\-]*$"), false);
    /** validators.authPW: 64 hex characters. */
    static final Rule AUTH_PW = hex(64);
    /** validators.verificationMethod. */
    static final Rule VERIFICATION_METHOD = oneOf("email", "email-otp", "email-2fa", "email-captcha", "totp-2fa");
    /** signinUtils.validators.UNBLOCK_CODE: BASE_36, exactly {@code signinUnblock.codeLength} (8) characters. */
    static final Rule UNBLOCK_CODE = string(UnblockCodes.LENGTH, UnblockCodes.LENGTH, RequestSchema.BASE_36, false);
    /** lib/routes/validators.js clientId: 16 hex characters (upper case passes HEX_STRING). */
    static final Rule CLIENT_ID = hex(16);
    /** lib/oauth/validators.js clientId: lower-case hex only. */
    static final Rule OAUTH_CLIENT_ID = string(16, 16, Pattern.compile("^[0-9a-f]{16}$"), false);
    /** validators.scope: at most 256 of letters, digits, space and {@code _/.:-}; empty allowed. */
    static final Rule SCOPE = string(0, 256, RequestSchema.SCOPE, true);
    /** validators.accessToken: 64 hex or a JWT. */
    static final Rule ACCESS_TOKEN = either(hex(64), string(0, 1024, RequestSchema.JWT, false));
    static final Rule TOKEN_64 = hex(64);
    static final Rule CLIENT_SECRET = string(0, 0, RequestSchema.HEX_STRING, false);
    static final Rule TTL = number(true, false);
    /** validators.pkceCodeVerifier: 43 to 128 of {@code [A-Za-z0-9-._~]}. */
    static final Rule CODE_VERIFIER = string(43, 128, RequestSchema.PKCE_CODE_VERIFIER, false);
    /** validators.ppidSeed: an integer 0..1024. */
    static final Rule PPID_SEED = (v, strip) -> {
        int n = v.isIntegralNumber() && v.canConvertToInt() ? v.asInt()
                : v.isTextual() ? parseIntOr(v.asText(), -1)
                        : -1;
        return n >= 0 && n <= 1024 ? Json.MAPPER.getNodeFactory().numberNode(n) : null;
    };
    /** validators.resourceUrl: an http(s) URL without a fragment. */
    static final Rule RESOURCE = (v, strip) -> v.isTextual() && !v.asText().contains("#")
            ? RequestSchema.url(0).convert(v, strip)
            : null;

    /** lib/metrics/context.js SCHEMA: known keys only, {@code flowId} and {@code flowBeginTime} together. */
    static final Rule METRICS_CONTEXT;

    static {
        Pattern entry = Pattern.compile("^[\\w.:-]+$");
        Pattern utm = Pattern.compile("^[\\w/.%-]+$");
        Map<String, Rule> keys = new LinkedHashMap<>();
        keys.put("deviceId", hex(32));
        keys.put("entrypoint", string(0, 128, entry, false));
        keys.put("entrypointExperiment", string(0, 128, entry, false));
        keys.put("entrypointVariation", string(0, 128, entry, false));
        keys.put("flowId", hex(64));
        keys.put("flowBeginTime", number(true, true));
        for (String k : new String[] { "utmCampaign", "utmContent", "utmMedium", "utmSource", "utmTerm" }) {
            keys.put(k, string(0, 128, utm, false));
        }
        keys.put("productId", maxString(128));
        keys.put("planId", maxString(128));
        METRICS_CONTEXT = object(keys, "flowId", "flowBeginTime");
    }

    /**
     * validators.redirectTo(config.smtp.redirectDomain): an http(s) URL of at most 2048 characters on production's
     * redirect domain (firefox.com and its subdomains).
     */
    static final Rule REDIRECT_TO = (v, strip) -> {
        if (!v.isTextual() || v.asText().isEmpty() || v.asText().length() > 2048) {
            return null;
        }
        try {
            URI u = new URI(v.asText());
            String host = u.getHost();
            boolean https = "https".equals(u.getScheme()) || "http".equals(u.getScheme());
            return https && host != null && (host.equals("firefox.com") || host.endsWith(".firefox.com")) ? v : null;
        } catch (URISyntaxException e) {
            return null;
        }
    };

    private static int parseIntOr(String s, int fallback) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    // ------------------------------------------------------------------ lib/routes/account.ts

    /** POST /account/login, query. */
    static final RequestSchema LOGIN_QUERY = RequestSchema.query(Family.AUTH)
            .optional("keys", bool())
            .optional("service", SERVICE)
            .optional("verificationMethod", VERIFICATION_METHOD)
            .build();

    /** The keys /account/login and /session/reauth share (account.ts and session.js declare them alike). */
    private static RequestSchema.Builder passwordPayload() {
        return RequestSchema.payload(Family.AUTH)
                .required("email", email())
                .required("authPW", AUTH_PW)
                .optional("service", SERVICE)
                .optional("redirectTo", REDIRECT_TO)
                .optional("resume", string())
                .optional("reason", maxString(16))
                .optional("unblockCode", UNBLOCK_CODE)
                .optional("metricsContext", METRICS_CONTEXT)
                .optional("originalLoginEmail", email())
                .optional("verificationMethod", VERIFICATION_METHOD);
    }

    /** POST /account/login, payload. There is no {@code authPWVersion2}: a v2 login sends its authPW as authPW. */
    static final RequestSchema LOGIN = passwordPayload()
            .optional("sendSigninVerificationEmail", bool())
            .build();

    /** POST /account/status. */
    static final RequestSchema ACCOUNT_STATUS = RequestSchema.payload(Family.AUTH)
            .required("email", email())
            .optional("thirdPartyAuthStatus", bool())
            .optional("checkDomain", any())
            .optional("clientId", string())
            .optional("service", SERVICE)
            .build();

    /** POST /account/credentials/status: {@code email} is not marked required. */
    static final RequestSchema CREDENTIALS_STATUS = RequestSchema.payload(Family.AUTH)
            .optional("email", email())
            .build();

    // ------------------------------------------------------------------ lib/routes/unblock-codes.js

    /** POST /account/login/send_unblock_code. */
    static final RequestSchema SEND_UNBLOCK_CODE = RequestSchema.payload(Family.AUTH)
            .required("email", email())
            .optional("metricsContext", METRICS_CONTEXT)
            .build();

    // ------------------------------------------------------------------ lib/routes/session.js, totp.js, key_data.js

    /** POST /session/destroy: an empty body is allowed ({@code .allow(null)}). */
    static final RequestSchema SESSION_DESTROY = RequestSchema.payload(Family.AUTH)
            .optional("customSessionToken", hex(64))
            .nullAllowed()
            .build();

    /** POST /session/reauth, query. */
    static final RequestSchema REAUTH_QUERY = LOGIN_QUERY;

    /** POST /session/reauth, payload. */
    static final RequestSchema REAUTH = passwordPayload().build();

    /** POST /session/verify_code ({@code code} is validators.DIGITS, not marked required). */
    static final RequestSchema VERIFY_CODE = RequestSchema.payload(Family.AUTH)
            .optional("code", string(0, 0, RequestSchema.DIGITS, false))
            .optional("service", SERVICE)
            .optional("scopes", arrayOf(SCOPE))
            .optional("marketingOptIn", bool())
            .optional("newsletters", arrayOf(string()))
            .optional("metricsContext", METRICS_CONTEXT)
            .build();

    /** POST /session/verify/totp (lib/routes/totp.js). */
    static final RequestSchema VERIFY_TOTP = RequestSchema.payload(Family.AUTH)
            .required("code", string(0, 32, RequestSchema.DIGITS, false))
            .optional("service", SERVICE)
            .optional("metricsContext", METRICS_CONTEXT)
            .build();

    /** POST /account/scoped-key-data (lib/routes/oauth/key_data.js); {@code assertion} is forbidden. */
    static final RequestSchema SCOPED_KEY_DATA = RequestSchema.payload(Family.AUTH)
            .required("client_id", OAUTH_CLIENT_ID)
            .required("scope", SCOPE)
            .optional("assertion", (v, strip) -> null)
            .build();

    // ------------------------------------------------------------------ lib/routes/oauth/token.js, /oauth/token

    static final String GRANT_CODE = "authorization_code";
    static final String GRANT_REFRESH = "refresh_token";
    static final String GRANT_CREDENTIALS = "fxa-credentials";
    static final String GRANT_TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String SUBJECT_TOKEN_TYPE_REFRESH = "urn:ietf:params:oauth:token-type:refresh_token";

    /** Alternative A of POST /oauth/token: exactly one of client_secret and code_verifier. */
    static final RequestSchema OAUTH_TOKEN_CODE = RequestSchema.payload(Family.AUTH)
            .optional("grant_type", oneOf(GRANT_CODE))
            .optional("client_id", CLIENT_ID)
            .optional("client_secret", CLIENT_SECRET)
            .required("code", hex(64))
            .optional("code_verifier", CODE_VERIFIER)
            .optional("redirect_uri", RequestSchema.url(0))
            .optional("ttl", TTL)
            .optional("ppid_seed", PPID_SEED)
            .optional("resource", RESOURCE)
            .xor("client_secret", "code_verifier")
            .build();

    /** Alternative B: the refresh-token grant. */
    static final RequestSchema OAUTH_TOKEN_REFRESH = RequestSchema.payload(Family.AUTH)
            .required("grant_type", oneOf(GRANT_REFRESH))
            .optional("client_id", CLIENT_ID)
            .optional("client_secret", CLIENT_SECRET)
            .required("refresh_token", TOKEN_64)
            .optional("scope", SCOPE)
            .optional("ttl", TTL)
            .optional("ppid_seed", PPID_SEED)
            .optional("resource", RESOURCE)
            .build();

    /** Alternative C: fxa-credentials with the session token; {@code assertion} is forbidden. */
    static final RequestSchema OAUTH_TOKEN_CREDENTIALS = RequestSchema.payload(Family.AUTH)
            .optional("grant_type", oneOf(GRANT_CREDENTIALS))
            .optional("client_id", CLIENT_ID)
            .optional("scope", SCOPE)
            .optional("access_type", oneOf("online", "offline"))
            .optional("ttl", TTL)
            .optional("resource", RESOURCE)
            .optional("assertion", (v, strip) -> null)
            .build();

    /** Alternative D: RFC 8693 token exchange (a refresh token for a new one with more scope). */
    static final RequestSchema OAUTH_TOKEN_EXCHANGE = RequestSchema.payload(Family.AUTH)
            .required("grant_type", oneOf(GRANT_TOKEN_EXCHANGE))
            .required("subject_token", TOKEN_64)
            .required("subject_token_type", oneOf(SUBJECT_TOKEN_TYPE_REFRESH))
            .required("scope", SCOPE)
            .build();

    // ------------------------------------------------------------------ lib/routes/oauth/token.js, /token (legacy)

    /**
     * The OAuth server's {@code /token} PAYLOAD_SCHEMA, one schema per grant (its {@code .when()} rules forbid the
     * other grants' keys); the route itself strips unknown keys.
     */
    static RequestSchema legacyToken(String grant) {
        RequestSchema.Builder b = RequestSchema.payload(Family.OAUTH).stripUnknown()
                .optional("client_id", OAUTH_CLIENT_ID)
                .optional("grant_type", oneOf(GRANT_CODE, GRANT_REFRESH, GRANT_CREDENTIALS, GRANT_TOKEN_EXCHANGE))
                .optional("ttl", TTL)
                .optional("ppid_seed", PPID_SEED)
                .optional("resource", RESOURCE);
        Rule forbidden = (v, strip) -> null;
        switch (grant) {
            case GRANT_CODE -> b.optional("client_secret", CLIENT_SECRET).optional("redirect_uri",
                    RequestSchema.url(0)).required("code", hex(64)).optional("code_verifier", CODE_VERIFIER)
                    .condition(v -> v.has("client_secret") && v.has("code_verifier") ? "client_secret" : null);
            case GRANT_REFRESH -> b.optional("client_secret", CLIENT_SECRET).optional("scope", SCOPE)
                    .required("refresh_token", TOKEN_64);
            case GRANT_CREDENTIALS -> b.optional("client_secret", CLIENT_SECRET).required("scope", SCOPE)
                    .optional("access_type", oneOf("online", "offline"))
                    .required("assertion", string(50, 10240, Pattern.compile("^[a-zA-Z0-9_\\-.~=]+$"), false));
            default -> b.optional("client_secret", forbidden).required("scope", SCOPE)
                    .required("subject_token", TOKEN_64)
                    .required("subject_token_type", oneOf(SUBJECT_TOKEN_TYPE_REFRESH));
        }
        return b.build();
    }

    // ------------------------------------------------------------------ lib/routes/oauth/destroy.js, verify.js

    /**
     * POST /oauth/destroy: {@code client_id} (required unless client credentials come in a Basic header),
     * {@code client_secret}, {@code token}, {@code token_type_hint}. There is no {@code refresh_token} key.
     */
    static final RequestSchema OAUTH_DESTROY = RequestSchema.payload(Family.AUTH)
            .required("client_id", OAUTH_CLIENT_ID)
            .optional("client_secret", CLIENT_SECRET)
            .optional("token", ACCESS_TOKEN)
            .optional("token_type_hint", maxString(64))
            .build();

    /** POST /destroy (the OAuth server's): {@code token} is renamed {@code access_token} first. */
    static final RequestSchema LEGACY_DESTROY = RequestSchema.payload(Family.OAUTH)
            .optional("client_id", OAUTH_CLIENT_ID)
            .optional("client_secret", string(0, 0, RequestSchema.HEX_STRING, true))
            .optional("access_token", ACCESS_TOKEN)
            .optional("refresh_token", TOKEN_64)
            .optional("refresh_token_id", TOKEN_64)
            .xor("access_token", "refresh_token", "refresh_token_id")
            .build();

    /** POST /verify (the OAuth server's). */
    static final RequestSchema VERIFY = RequestSchema.payload(Family.OAUTH)
            .required("token", ACCESS_TOKEN)
            .build();
}
