package io.fxhome.sync.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.crypto.FxaTokenKeys;
import io.fxhome.sync.crypto.OnePwCredentials;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.hawk.PayloadHash;
import io.fxhome.sync.json.Json;

/**
 * Single auth-server requests built from the client's own crypto and Hawk classes, for the few protocol facts the
 * {@code FxaClient} deliberately makes impossible to exercise (using a keyFetchToken twice, or before verification).
 */
final class RawFxa {
    private static final String JSON = "application/json";

    private final String baseUrl;
    // HTTP/1.1 as fxhome's transport: an h2c upgrade would move the Host header the Hawk MAC covers into :authority.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HawkSigner signer = HawkSigner.systemDefault();

    RawFxa(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A status and the parsed JSON body. */
    record Answer(int status, JsonNode body) {
        int errno() {
            return body.path("errno").asInt(0);
        }
    }

    /** {@code POST /v1/account/login?keys=true} with the onepw v1 authPW. */
    Answer login(String email, String password) {
        OnePwCredentials credentials = OnePwCredentials.v1(email, password);
        try {
            ObjectNode body = Json.object().put("email", email).put("authPW", credentials.authPwHex())
                    .put("reason", "login");
            return send("POST", "/account/login?keys=true", body, null);
        } finally {
            credentials.destroy();
        }
    }

    /** A Hawk-signed request with a session or keyFetch token (hex). */
    Answer withToken(String method, String path, ObjectNode body, String tokenHex, FxaTokenKeys.Kind kind) {
        FxaTokenKeys keys = FxaTokenKeys.deriveHex(tokenHex, kind);
        try {
            return send(method, path, body, keys);
        } finally {
            keys.destroy();
        }
    }

    private Answer send(String method, String path, ObjectNode body, FxaTokenKeys keys) {
        URI uri = URI.create(baseUrl + "/v1" + path);
        byte[] bytes = body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).header("Accept", JSON);
        if (body != null) {
            rb.header("Content-Type", JSON).method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (keys != null) {
            rb.header("Authorization", signer.authorization(keys.hawkCredentials(), method, uri,
                    PayloadHash.of(JSON, bytes), null));
        }
        try {
            HttpResponse<byte[]> response = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? Json.object() : Json.MAPPER.readTree(response.body());
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
