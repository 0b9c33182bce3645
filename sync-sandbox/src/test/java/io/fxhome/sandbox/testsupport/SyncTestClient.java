package io.fxhome.sandbox.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A minimal Firefox Sync client for the sandbox's tests, over real HTTP (java.net.http): onepw sign-in, key fetch,
 * OAuth token, tokenserver and Hawk-signed storage requests. Kept small on purpose; fxhome's real client lives in
 * common-model.
 */
public final class SyncTestClient {
    public static final String CLIENT_ID = "e7ce535d93522896";
    public static final String OLDSYNC = "https://identity.mozilla.com/apps/oldsync";
    /** Sync timestamps stay exact decimals (as a careful client keeps them), not doubles. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    public SyncTestClient(String baseUrl) {
        this.base = baseUrl;
    }

    /** An HTTP answer. */
    public record Resp(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    public Resp send(String method, String url, Map<String, String> headers, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
            headers.forEach(b::header);
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, String> h = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(), String.join(",", v)));
            return new Resp(r.statusCode(), h, r.body());
        } catch (Exception e) {
            throw new AssertionError("HTTP " + method + " " + url + " failed", e);
        }
    }

    public Resp get(String path) {
        return send("GET", base + path, Map.of(), null);
    }

    public Resp postJson(String path, String json) {
        return send("POST", base + path, Map.of("Content-Type", "application/json"), json);
    }

    // ------------------------------------------------------------------ FxA

    /** The result of a successful /v1/account/login. */
    public record Login(String email, String uid, byte[] sessionToken, byte[] keyFetchToken, boolean verified,
            String verificationMethod, byte[] unwrapBKey) {
    }

    public Resp loginRaw(String email, String password, String typedEmail) throws Exception {
        byte[][] qs = ClientCrypto.quickStretch(email, password);
        String body = JSON.createObjectNode().put("email", typedEmail).put("authPW", ClientCrypto.hex(qs[0]))
                .put("reason", "login").put("service", "sync").toString();
        return postJson("/v1/account/login?keys=true", body);
    }

    /** A login with a given authPW (e.g. a version-2 one) and {@code ?keys=true}. */
    public Resp loginAuthPW(String email, byte[] authPW) {
        String body = JSON.createObjectNode().put("email", email).put("authPW", ClientCrypto.hex(authPW))
                .put("reason", "login").put("service", "sync").toString();
        return postJson("/v1/account/login?keys=true", body);
    }

    /**
     * Signs in as a version-2 client does (fxa-auth-client signIn): credentials/status for the clientSalt, the v2
     * authPW, and the answer's keyFetchTokenVersion2.
     */
    public Login loginV2(String email, String password) throws Exception {
        Resp status = postJson("/v1/account/credentials/status", "{\"email\":\"" + email + "\"}");
        String salt = status.json().get("clientSalt").asText();
        byte[][] qs = ClientCrypto.quickStretchV2(salt, password);
        Resp r = loginAuthPW(email, qs[0]);
        if (r.status() != 200) {
            throw new AssertionError("login failed: " + r.status() + " " + r.body());
        }
        JsonNode j = r.json();
        return new Login(email, j.get("uid").asText(), ClientCrypto.unhex(j.get("sessionToken").asText()),
                ClientCrypto.unhex(j.get("keyFetchTokenVersion2").asText()), j.get("verified").asBoolean(),
                j.path("verificationMethod").asText(null), qs[1]);
    }

    public Login login(String email, String password) throws Exception {
        Resp r = loginRaw(email, password, email);
        if (r.status() != 200) {
            throw new AssertionError("login failed: " + r.status() + " " + r.body());
        }
        JsonNode j = r.json();
        return new Login(email, j.get("uid").asText(), ClientCrypto.unhex(j.get("sessionToken").asText()),
                j.has("keyFetchToken") ? ClientCrypto.unhex(j.get("keyFetchToken").asText()) : null,
                j.get("verified").asBoolean(), j.path("verificationMethod").asText(null),
                ClientCrypto.quickStretch(email, password)[1]);
    }

    /** A Hawk-signed auth-server request with the token of {@code kind}, payload hash included as FxA's JS does. */
    public Resp fxa(String method, String path, byte[] token, String kind, String json) throws Exception {
        byte[][] k = ClientCrypto.tokenKeys(token, kind);
        URI uri = URI.create(base + path);
        String hash = json == null ? null
                : TestHawk.payloadHash("application/json", json.getBytes(
                        StandardCharsets.UTF_8));
        String auth = TestHawk.header(method, uri, ClientCrypto.hex(k[0]), k[1], System.currentTimeMillis() / 1000,
                TestHawk.nonce(), hash);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", auth);
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        return send(method, uri.toString(), headers, json);
    }

    /** GET /v1/account/keys and unwrap: returns kB. */
    public byte[] fetchKB(Login l) throws Exception {
        Resp r = fxa("GET", "/v1/account/keys", l.keyFetchToken(), "keyFetchToken", null);
        if (r.status() != 200) {
            throw new AssertionError("account/keys: " + r.status() + " " + r.body());
        }
        byte[] keyRequestKey = ClientCrypto.tokenKeys(l.keyFetchToken(), "keyFetchToken")[2];
        byte[] wrapKB = ClientCrypto.unbundleWrapKB(keyRequestKey, ClientCrypto.unhex(r.json().get("bundle")
                .asText()));
        return ClientCrypto.xor(wrapKB, l.unwrapBKey());
    }

    public long keyRotationTimestamp(Login l) throws Exception {
        Resp r = fxa("POST", "/v1/account/scoped-key-data", l.sessionToken(), "sessionToken",
                "{\"client_id\":\"" + CLIENT_ID + "\",\"scope\":\"" + OLDSYNC + "\"}");
        if (r.status() != 200) {
            throw new AssertionError("scoped-key-data: " + r.status() + " " + r.body());
        }
        return r.json().get(OLDSYNC).get("keyRotationTimestamp").asLong();
    }

    public Resp oauthTokenRaw(Login l) throws Exception {
        return fxa("POST", "/v1/oauth/token", l.sessionToken(), "sessionToken", "{\"grant_type\":\"fxa-credentials\","
                + "\"client_id\":\"" + CLIENT_ID + "\",\"scope\":\"" + OLDSYNC + "\",\"access_type\":\"offline\"}");
    }

    /** Everything fxhome keeps after linking an account. */
    public record Linked(Login login, byte[] kB, String keyId, String accessToken, String refreshToken) {
        public byte[] kSync() {
            return ClientCrypto.kSync(kB);
        }
    }

    /** Sign-in for an account that needs no verification, then keys, key id and OAuth tokens. */
    public Linked link(String email, String password) throws Exception {
        Login l = login(email, password);
        if (!l.verified()) {
            throw new AssertionError("session needs verification: " + l.verificationMethod());
        }
        return finishLink(l);
    }

    public Linked finishLink(Login l) throws Exception {
        byte[] kB = fetchKB(l);
        String kid = ClientCrypto.keyId(keyRotationTimestamp(l), kB);
        Resp t = oauthTokenRaw(l);
        if (t.status() != 200) {
            throw new AssertionError("oauth/token: " + t.status() + " " + t.body());
        }
        return new Linked(l, kB, kid, t.json().get("access_token").asText(), t.json().get("refresh_token").asText());
    }

    // ------------------------------------------------------------------ tokenserver and storage

    /** A tokenserver token. */
    public record SyncToken(String id, String key, long uid, String apiEndpoint, long duration) {
    }

    public Resp tokenRaw(String accessToken, String keyId, String clientState) {
        Map<String, String> h = new LinkedHashMap<>();
        if (accessToken != null) {
            h.put("Authorization", "Bearer " + accessToken);
        }
        if (keyId != null) {
            h.put("X-KeyID", keyId);
        }
        if (clientState != null) {
            h.put("X-Client-State", clientState);
        }
        h.put("Accept", "application/json");
        return send("GET", base + "/1.0/sync/1.5", h, null);
    }

    public SyncToken token(Linked linked) {
        Resp r = tokenRaw(linked.accessToken(), linked.keyId(), null);
        if (r.status() != 200) {
            throw new AssertionError("tokenserver: " + r.status() + " " + r.body());
        }
        JsonNode j = r.json();
        return new SyncToken(j.get("id").asText(), j.get("key").asText(), j.get("uid").asLong(),
                j.get("api_endpoint").asText(), j.get("duration").asLong());
    }

    /** A Hawk-signed storage request; {@code path} is appended to the api_endpoint as given (already encoded). */
    public Resp storage(SyncToken t, String method, String path, Map<String, String> headers, String body)
            throws Exception {
        URI uri = URI.create(t.apiEndpoint() + path);
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Authorization", TestHawk.header(method, uri, t.id(), t.key().getBytes(StandardCharsets.US_ASCII)));
        if (body != null && !h.containsKey("Content-Type")) {
            h.put("Content-Type", "application/json");
        }
        return send(method, uri.toString(), h, body);
    }

    public Resp storage(SyncToken t, String method, String path) throws Exception {
        return storage(t, method, path, Map.of(), null);
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
