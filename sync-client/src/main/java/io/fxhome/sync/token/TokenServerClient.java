package io.fxhome.sync.token;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.error.BackedOffException;
import io.fxhome.sync.error.ServerProtocolException;
import io.fxhome.sync.error.TokenServerException;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.http.BackoffHeaders;
import io.fxhome.sync.http.BackoffTracker;
import io.fxhome.sync.http.HttpAnswer;
import io.fxhome.sync.http.HttpTransport;
import io.fxhome.sync.json.Json;

/**
 * Exchanges an FxA OAuth access token for a Sync storage token: {@code GET <tokenserver>/1.0/sync/1.5} with
 * {@code Authorization: Bearer}, {@code X-KeyID} and optionally {@code X-Client-State} (§3). Records
 * {@code X-Backoff}/{@code Retry-After}, and learns the server clock from {@code X-Timestamp} for Hawk.
 */
public final class TokenServerClient {
    private static final System.Logger LOG = System.getLogger(TokenServerClient.class.getName());
    private static final String PATH = "/1.0/sync/1.5";
    private static final String ROUTE = "GET " + PATH;
    /** application-services' default when a 503 carries no usable Retry-After. */
    static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(10);

    private final URI endpoint;
    private final HttpTransport http;
    private final Clock clock;
    private final BackoffTracker backoff;
    private final HawkSigner signer;

    /**
     * @param tokenserverUrl e.g. {@code https://token.services.mozilla.com}; {@code /1.0/sync/1.5} is appended unless
     *        already there
     * @param signer the Hawk signer whose clock offset should follow the tokenserver's time (may be null)
     */
    public TokenServerClient(URI tokenserverUrl, HttpTransport http, Clock clock, BackoffTracker backoff,
            HawkSigner signer) {
        String base = tokenserverUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        this.endpoint = URI.create(base.endsWith(PATH) ? base : base + PATH);
        this.http = http;
        this.clock = clock;
        this.backoff = backoff;
        this.signer = signer;
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * @param accessToken the OAuth access token (oldsync scope)
     * @param keyId the exact X-KeyID
     * @param clientStateHex X-Client-State, or null to omit it (it must agree with the key id when sent)
     * @throws TokenServerException for refusals (401 kinds map to {@link TokenServerException.Kind})
     * @throws BackedOffException for 503/429
     * @throws io.fxhome.sync.error.UntrustedEndpointException when the answer names a storage endpoint that
     *         {@link StorageEndpointPolicy} refuses
     */
    public SyncToken fetch(String accessToken, String keyId, String clientStateHex) {
        HttpRequest.Builder rb = http.newRequest(endpoint).GET()
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + accessToken)
                .header("X-KeyID", keyId);
        if (clientStateHex != null) {
            rb.header("X-Client-State", clientStateHex);
        }
        Instant requestedAt = clock.instant();
        try (HttpAnswer answer = http.send(rb.build(), ROUTE)) {
            int status = answer.status();
            LOG.log(Level.DEBUG, "{0} -> {1}", ROUTE, status);
            Optional<Duration> requested = BackoffHeaders.requested(answer.headers(), clock.instant());
            if (status == 503 || status == 429) {
                Duration d = requested.orElse(DEFAULT_BACKOFF);
                Instant until = backoff.backOff(d, true);
                throw new BackedOffException(ROUTE, until);
            }
            requested.ifPresent(d -> backoff.backOff(d, false));
            byte[] body = answer.bodyBytes();
            if (status != 200) {
                throw new TokenServerException(status, errorStatus(body));
            }
            learnClock(answer);
            return parse(body, requestedAt, endpoint);
        }
    }

    private void learnClock(HttpAnswer answer) {
        Optional<String> ts = answer.header("X-Timestamp");
        if (signer != null && ts.isPresent()) {
            try {
                signer.learnServerTime(Double.parseDouble(ts.get().trim()));
            } catch (NumberFormatException ignored) {
                LOG.log(Level.DEBUG, "{0}: unparsable X-Timestamp ignored", ROUTE);
            }
        }
    }

    private static String errorStatus(byte[] body) {
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            return json != null && json.path("status").isTextual() ? json.get("status").asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static SyncToken parse(byte[] body, Instant requestedAt, URI tokenserver) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ServerProtocolException(ROUTE, "token answer is not JSON", e);
        }
        if (json == null || !json.isObject()) {
            throw new ServerProtocolException(ROUTE, "token answer is not a JSON object");
        }
        String id = text(json, "id");
        String key = text(json, "key");
        String endpointText = text(json, "api_endpoint");
        JsonNode uidNode = json.path("uid");
        if (!uidNode.canConvertToLong() && !(uidNode.isTextual() && isDigits(uidNode.asText()))) {
            throw new ServerProtocolException(ROUTE, "uid is not an integer");
        }
        long uid = uidNode.asLong();
        JsonNode durationNode = json.path("duration");
        if (!durationNode.isNumber() || durationNode.asLong() <= 0) {
            throw new ServerProtocolException(ROUTE, "duration is not a positive number");
        }
        String hashalg = json.path("hashalg").asText("sha256");
        if (!"sha256".equals(hashalg)) {
            throw new ServerProtocolException(ROUTE, "unsupported hashalg " + hashalg);
        }
        URI apiEndpoint;
        try {
            while (endpointText.endsWith("/")) {
                endpointText = endpointText.substring(0, endpointText.length() - 1);
            }
            apiEndpoint = new URI(endpointText);
        } catch (URISyntaxException e) {
            throw new ServerProtocolException(ROUTE, "api_endpoint is not a URL", e);
        }
        StorageEndpointPolicy.check(tokenserver, apiEndpoint);
        long duration = durationNode.asLong();
        return new SyncToken(id, key, uid, apiEndpoint, duration, requestedAt.plusSeconds(duration));
    }

    private static String text(JsonNode json, String field) {
        JsonNode n = json.get(field);
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw new ServerProtocolException(ROUTE, "missing " + field);
        }
        return n.asText();
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
