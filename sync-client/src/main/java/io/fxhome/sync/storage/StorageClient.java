package io.fxhome.sync.storage;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.error.AuthenticationException;
import io.fxhome.sync.error.BackedOffException;
import io.fxhome.sync.error.NetworkException;
import io.fxhome.sync.error.ServerProtocolException;
import io.fxhome.sync.error.StorageHttpException;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.http.BackoffHeaders;
import io.fxhome.sync.http.BackoffTracker;
import io.fxhome.sync.http.HttpAnswer;
import io.fxhome.sync.http.HttpTransport;
import io.fxhome.sync.json.Json;
import io.fxhome.sync.token.SyncToken;

/**
 * Sync storage API 1.5 client (§5) for a read-mostly mirror. Every request is Hawk-signed with the session's
 * current token after its URI is final. A 401 triggers one renewal through the {@link StorageSession} and one
 * retry; a second 401 is an {@link AuthenticationException}. {@code X-Weave-Backoff} and {@code Retry-After} are
 * recorded on every answer; 503/429 become {@link BackedOffException}. Logs only route and status.
 *
 * <p>
 * Thread-safe as long as its collaborators are; a download's decryption state is per call.
 */
public final class StorageClient {
    private static final System.Logger LOG = System.getLogger(StorageClient.class.getName());
    /** How often a download may restart after 412 before giving up for this cycle. */
    static final int MAX_RESTARTS = 3;
    static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(10);

    private final HttpTransport http;
    private final StorageSession session;
    private final HawkSigner signer;
    private final BackoffTracker backoff;
    private final Clock clock;

    public StorageClient(HttpTransport http, StorageSession session, HawkSigner signer, BackoffTracker backoff,
            Clock clock) {
        this.http = http;
        this.session = session;
        this.signer = signer;
        this.backoff = backoff;
        this.clock = clock;
    }

    /**
     * {@code GET /info/collections}. @param ifModifiedSince the store's last X-Last-Modified, or null
     *
     * @return empty when the server answered 304 Not Modified
     */
    public Optional<InfoCollections> infoCollections(ServerTimestamp ifModifiedSince) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (ifModifiedSince != null) {
            headers.put("X-If-Modified-Since", ifModifiedSince.text());
        }
        return exchange("info/collections", "", headers, answer -> {
            if (answer.status() == 304) {
                return Optional.empty();
            }
            requireOk(answer);
            JsonNode json = readJson(answer);
            if (!json.isObject()) {
                throw new ServerProtocolException(answer.route(), "not a JSON object");
            }
            Map<String, ServerTimestamp> colls = new LinkedHashMap<>();
            ServerTimestamp max = ServerTimestamp.ZERO;
            for (Map.Entry<String, JsonNode> e : json.properties()) {
                ServerTimestamp ts = timestampValue(e.getValue(), answer.route());
                colls.put(e.getKey(), ts);
                max = ts.isAfter(max) ? ts : max;
            }
            ServerTimestamp lastModified = optionalTimestampHeader(answer, "X-Last-Modified").orElse(max);
            return Optional.of(new InfoCollections(colls, lastModified));
        });
    }

    /** {@code GET /info/configuration}; a 404 means "use the defaults". */
    public InfoConfiguration infoConfiguration() {
        return exchange("info/configuration", "", Map.of(), answer -> {
            if (answer.status() == 404) {
                answer.bodyBytes();
                return InfoConfiguration.defaults();
            }
            requireOk(answer);
            JsonNode json = readJson(answer);
            if (!json.isObject()) {
                throw new ServerProtocolException(answer.route(), "not a JSON object");
            }
            return InfoConfiguration.fromJson(json);
        });
    }

    /**
     * {@code GET /info/collection_counts}: live records per collection, for progress ("n of m"). Cheap on the server,
     * unlike {@code info/collection_usage}.
     */
    public Map<String, Long> collectionCounts() {
        return exchange("info/collection_counts", "", Map.of(), answer -> {
            requireOk(answer);
            JsonNode json = readJson(answer);
            if (!json.isObject()) {
                throw new ServerProtocolException(answer.route(), "not a JSON object");
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : json.properties()) {
                if (!e.getValue().canConvertToLong()) {
                    throw new ServerProtocolException(answer.route(), "count of " + e.getKey() + " is not a number");
                }
                counts.put(e.getKey(), e.getValue().asLong());
            }
            return counts;
        });
    }

    /** {@code GET /storage/<collection>/<id>}; empty on 404. */
    public Optional<Bso> fetchRecord(String collection, String id) {
        if (!DownloadRequest.isValidCollection(collection)) {
            throw new IllegalArgumentException("invalid collection name");
        }
        return exchange("storage/" + collection + "/" + encodePathSegment(id), "", Map.of(), answer -> {
            if (answer.status() == 404) {
                answer.bodyBytes();
                return Optional.empty();
            }
            requireOk(answer);
            JsonNode json = readJson(answer);
            String bsoId = json.path("id").isTextual() ? json.get("id").asText() : null;
            String payload = json.path("payload").isTextual() ? json.get("payload").asText() : null;
            if (bsoId == null || payload == null || !json.has("modified")) {
                throw new ServerProtocolException(answer.route(), "not a BSO (id, modified, payload)");
            }
            Integer sortindex = json.path("sortindex").canConvertToInt() ? json.get("sortindex").asInt() : null;
            return Optional.of(new Bso(bsoId, timestampValue(json.get("modified"), answer.route()), sortindex,
                    payload));
        });
    }

    /**
     * Downloads a collection page by page, streaming each page's JSON array through decryption into {@code sink}.
     * Follows {@code X-Weave-Next-Offset} (even without a limit), sends the first page's X-Last-Modified as
     * {@code X-If-Unmodified-Since} on later pages, and restarts from the first page on 412 (see
     * {@link RecordSink}). A record that fails to verify, decrypt or parse is reported to
     * {@link RecordSink#skipped} and the download goes on.
     *
     * @return the collection's X-Last-Modified (the new high-water mark) and counts
     */
    public DownloadResult download(DownloadRequest request, CollectionKeys keys, RecordSink sink) {
        String path = "storage/" + request.collection();
        for (int restarts = 0;; restarts++) {
            PageReader reader = new PageReader(keys.keyFor(request.collection()), sink, request.maxRecordBytes());
            ServerTimestamp first = null;
            String offset = null;
            int pages = 0;
            boolean restart = false;
            do {
                Map<String, String> headers = new LinkedHashMap<>();
                if (first != null) {
                    headers.put("X-If-Unmodified-Since", first.text());
                }
                String query = request.query(request.pageSize(), offset);
                ServerTimestamp expected = first;
                Page page = exchange(path, query, headers,
                        answer -> readPage(answer, request.full(), request.pageSize(), expected, reader));
                if (page == null) {
                    restart = true;
                    break;
                }
                pages++;
                if (first == null) {
                    first = page.lastModified();
                }
                if (page.nextOffset() != null && page.nextOffset().equals(offset)) {
                    throw new ServerProtocolException("GET /" + path, "X-Weave-Next-Offset repeats the current offset");
                }
                offset = page.nextOffset();
                sink.endOfPage(offset != null);
            } while (offset != null);
            if (!restart) {
                return new DownloadResult(first, reader.records(), reader.tombstones(), reader.skipped(),
                        reader.skippedByReason(), pages, restarts);
            }
            if (restarts >= MAX_RESTARTS) {
                throw new StorageHttpException("GET /" + path, 412, OptionalInt.empty());
            }
            LOG.log(Level.INFO, "GET /{0} changed while paging; restarting the download", path);
            sink.restart();
        }
    }

    /** One page, or null when the collection changed since the first page (412 or another X-Last-Modified). */
    private static Page readPage(HttpAnswer answer, boolean full, int limit, ServerTimestamp expected,
            PageReader reader) {
        if (answer.status() == 412 && expected != null) {
            answer.bodyBytes();
            return null;
        }
        if (answer.status() == 404) {
            // A missing collection is normally an empty 200; treat a 404 the same way.
            answer.bodyBytes();
            return new Page(optionalTimestampHeader(answer, "X-Last-Modified").orElse(ServerTimestamp.ZERO), null);
        }
        requireOk(answer);
        ServerTimestamp lastModified = optionalTimestampHeader(answer, "X-Last-Modified")
                .orElseThrow(() -> new ServerProtocolException(answer.route(), "no X-Last-Modified header"));
        if (expected != null && !expected.equals(lastModified)) {
            answer.bodyBytes();
            return null;
        }
        String nextOffset = answer.header("X-Weave-Next-Offset").map(String::trim).filter(s -> !s.isEmpty())
                .orElse(null);
        try (InputStream in = answer.body()) {
            reader.read(in, full, limit);
        } catch (JsonProcessingException e) {
            throw new ServerProtocolException(answer.route(), "body is not a valid JSON array (" + e.getOriginalMessage()
                    + ")", e);
        } catch (JsonStringGuard.PageTooLargeException e) {
            throw new ServerProtocolException(answer.route(), e.getMessage(), e);
        } catch (IOException e) {
            throw new NetworkException(answer.route(), e);
        }
        return new Page(lastModified, nextOffset);
    }

    // ------------------------------------------------------------------ HTTP exchange

    @FunctionalInterface
    private interface AnswerHandler<T> {
        T handle(HttpAnswer answer);
    }

    private <T> T exchange(String path, String query, Map<String, String> headers, AnswerHandler<T> handler) {
        String route = HttpTransport.route("GET", "/" + path);
        SyncToken token = session.currentToken();
        for (int attempt = 0;; attempt++) {
            Optional<Instant> hard = backoff.hardBackoffUntil();
            if (hard.isPresent()) {
                throw new BackedOffException(route, hard.get());
            }
            URI uri = URI.create(token.apiEndpoint() + "/" + path + (query.isEmpty() ? "" : "?" + query));
            HttpRequest.Builder rb = http.newRequest(uri).GET().header("Accept", "application/json");
            headers.forEach(rb::header);
            rb.header("Authorization", signer.authorization(token.hawkCredentials(), "GET", uri));
            try (HttpAnswer answer = http.send(rb.build(), route)) {
                int status = answer.status();
                LOG.log(Level.DEBUG, "{0} -> {1}", route, status);
                learnClock(answer);
                answer.header("X-Weave-Alert").ifPresent(alert -> LOG.log(Level.WARNING, "{0}: server alert: {1}",
                        route, alert.length() > 300 ? alert.substring(0, 300) : alert));
                Optional<Duration> requested = BackoffHeaders.requested(answer.headers(), clock.instant());
                if (status == 503 || status == 429) {
                    Duration d = requested.orElse(DEFAULT_BACKOFF);
                    Instant until = backoff.backOff(d, true);
                    throw new BackedOffException(route, until);
                }
                requested.ifPresent(d -> backoff.backOff(d, false));
                if (status == 401) {
                    if (attempt == 0) {
                        LOG.log(Level.DEBUG, "{0}: token rejected, renewing once", route);
                        token = session.renewAfterUnauthorized(token);
                        continue;
                    }
                    throw new AuthenticationException(route + " rejected a freshly issued token (HTTP 401)");
                }
                return handler.handle(answer);
            }
        }
    }

    private void learnClock(HttpAnswer answer) {
        answer.header("X-Weave-Timestamp").ifPresent(v -> {
            try {
                signer.learnServerTime(Double.parseDouble(v.trim()));
            } catch (NumberFormatException ignored) {
                // A bad clock hint is not worth failing a request for.
            }
        });
    }

    private static void requireOk(HttpAnswer answer) {
        if (answer.status() != 200) {
            byte[] body = answer.bodyBytes();
            throw new StorageHttpException(answer.route(), answer.status(), weaveErrorCode(body));
        }
    }

    /** The bare integer body of a 400 (or the {@code 0} of a 404), if that is what the body is. */
    static OptionalInt weaveErrorCode(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8).trim();
        if (s.isEmpty() || s.length() > 6) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static JsonNode readJson(HttpAnswer answer) {
        try {
            JsonNode json = Json.MAPPER.readTree(answer.bodyBytes());
            if (json == null) {
                throw new ServerProtocolException(answer.route(), "empty body");
            }
            return json;
        } catch (IOException e) {
            throw new ServerProtocolException(answer.route(), "body is not valid JSON", e);
        }
    }

    private static ServerTimestamp timestampValue(JsonNode n, String route) {
        if (n == null || !(n.isNumber() || n.isTextual())) {
            throw new ServerProtocolException(route, "a timestamp is not a number");
        }
        try {
            return ServerTimestamp.parse(n.isBigDecimal() ? n.decimalValue().toPlainString() : n.asText());
        } catch (IllegalArgumentException e) {
            throw new ServerProtocolException(route, "a timestamp is malformed", e);
        }
    }

    private static Optional<ServerTimestamp> optionalTimestampHeader(HttpAnswer answer, String name) {
        Optional<String> v = answer.header(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ServerTimestamp.parse(v.get()));
        } catch (IllegalArgumentException e) {
            throw new ServerProtocolException(answer.route(), name + " is malformed", e);
        }
    }

    /** Percent-encodes a record id for use as one path segment (ids may hold any printable ASCII). */
    static String encodePathSegment(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private record Page(ServerTimestamp lastModified, String nextOffset) {
    }

}
