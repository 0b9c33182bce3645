package io.fxhome.sandbox.storage;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.faults.FaultPlan;
import io.fxhome.sandbox.faults.Faults;
import io.fxhome.sandbox.http.HttpSupport;
import io.fxhome.sandbox.http.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Sync storage API 1.5 on two nodes: {@code /1.5/{uid}/...} and {@code /node2/1.5/{uid}/...}. Status codes, headers
 * and bare-integer error bodies ({@link WeaveError}) follow syncstorage-rs; every answer carries X-Weave-Timestamp.
 * Every request but {@code info/configuration} is authenticated first: a request without a valid token learns
 * nothing about paths and methods.
 */
public final class StorageRoutes {
    private static final Pattern COLLECTION = Pattern.compile("[a-zA-Z0-9._-]{1,32}");

    /** One storage route: answers an authenticated request, or throws the {@link StorageException} to answer. */
    @FunctionalInterface
    private interface Handler {
        void answer(RoutingContext ctx, Request request);
    }

    /** An authenticated request: the user's storage, its preconditions, and the time its answer is stamped with. */
    private record Request(UserStorage storage, Precondition precondition, long now) {
    }

    /** A POST's batch parameters: none (write at once), {@code batch=true} (open one), or a batch id; commit. */
    private record Batch(String id, boolean commit) {
        static Batch of(RoutingContext ctx) {
            String batch = ctx.queryParams().get("batch");
            String commit = ctx.queryParams().get("commit");
            if (commit != null && (!"true".equalsIgnoreCase(commit) || batch == null)) {
                throw StorageException.badRequest(WeaveError.UNKNOWN_ERROR);
            }
            boolean totals = ctx.request().getHeader("X-Weave-Total-Records") != null
                    || ctx.request().getHeader("X-Weave-Total-Bytes") != null;
            if (totals && batch == null) {
                throw StorageException.badRequest(WeaveError.ILLEGAL_METHOD);
            }
            return new Batch(batch, commit != null);
        }

        /** No batch, or a batch opened and committed by this one request: the records are written at once. */
        boolean atOnce() {
            return id == null || ("true".equalsIgnoreCase(id) && commit);
        }

        boolean opensOne() {
            return "true".equalsIgnoreCase(id);
        }
    }

    private final Clock clock;
    private final Faults faults;
    private final StorageAuth auth;
    private final StorageLimits limits = StorageLimits.defaults();

    /**
     * @param faults armed faults standing in for Mozilla's infrastructure (latency, 503, X-Weave-Backoff)
     * @param auth the storage nodes' authentication
     */
    public StorageRoutes(Clock clock, Faults faults, StorageAuth auth) {
        this.clock = clock;
        this.faults = faults;
        this.auth = auth;
    }

    /** Declares the routes of both nodes. A route's other methods answer 405 with {@code Allow}; other paths 404. */
    public void mount(Router router) {
        for (String node : List.of("", "/node2")) {
            String prefix = node + "/1.5";
            String user = prefix + "/:uid";
            String collection = user + "/storage/:collection";
            String bso = collection + "/:id";
            router.route(prefix + "/*").handler(BodyHandler.create(false).setBodyLimit(limits.maxRequestBytes() * 4));
            // The server's limits are the one answer that needs no token.
            router.get(user + "/info/configuration").blockingHandler(ctx -> unauthenticated(ctx, now -> {
                configuration(ctx, now);
            }), false);
            router.route(user + "/info/configuration").blockingHandler(ctx -> unauthenticated(ctx, now -> {
                throw StorageException.methodNotAllowed("GET");
            }), false);

            on(router.delete(user), this::deleteStorage);
            on(router.delete(user + "/storage"), this::deleteStorage);
            on(router.route(user), notAllowed("DELETE"));
            on(router.route(user + "/storage"), notAllowed("DELETE"));

            on(router.get(user + "/info/:what"), this::info);
            on(router.route(user + "/info/:what"), notAllowed("GET"));

            on(router.get(collection), this::getCollection);
            on(router.post(collection), this::postCollection);
            on(router.delete(collection), this::deleteCollection);
            on(router.route(collection), notAllowed("GET, POST, DELETE"));

            on(router.get(bso), this::getBso);
            on(router.put(bso), this::putBso);
            on(router.delete(bso), this::deleteBso);
            on(router.route(bso), notAllowed("GET, PUT, DELETE"));

            on(router.route(prefix + "/*"), (ctx, request) -> {
                throw StorageException.notFound();
            });
        }
    }

    // ------------------------------------------------------------------ plumbing

    private void on(Route route, Handler handler) {
        route.blockingHandler(ctx -> answer(ctx, now -> handler.answer(ctx, authenticate(ctx, now))), false);
    }

    /** A route without a token, for a path sent in normal form (any other is left to the authenticated routes). */
    private void unauthenticated(RoutingContext ctx, LongConsumer route) {
        if (!normalForm(ctx.request().path().split("/", -1))) {
            ctx.next();
            return;
        }
        answer(ctx, route);
    }

    /** Runs a route; a StorageException becomes its error answer (headers, status, weave number), anything else 500. */
    private void answer(RoutingContext ctx, LongConsumer route) {
        long now = clock.millis();
        try {
            route.accept(now);
        } catch (StorageException e) {
            e.headers().forEach((k, v) -> ctx.response().putHeader(k, v));
            StorageAnswer.finish(ctx, now, -1, e.status(), "application/json", weaveBody(e.error()));
        } catch (RuntimeException e) {
            StorageAnswer.finish(ctx, now, -1, 500, "application/json", weaveBody(WeaveError.UNKNOWN_ERROR));
        }
    }

    private static Buffer weaveBody(WeaveError error) {
        return Buffer.buffer(Integer.toString(error.code()));
    }

    /** The token (for the uid in the path), then the account's faults, then the request's preconditions. */
    private Request authenticate(RoutingContext ctx, long now) {
        String path = ctx.request().path();
        boolean node2 = path.startsWith("/node2/");
        String[] parts = path.split("/", -1);
        int uidIndex = node2 ? 3 : 2;
        if (parts.length <= uidIndex) {
            throw StorageException.notFound();
        }
        boolean infoCollections = "collections".equals(ctx.pathParam("what"));
        StorageAuth.Authenticated user = auth.authenticate(ctx, parts[uidIndex], node2, infoCollections, now);
        applyFaults(ctx, user.user().fxaUid());
        Precondition precondition = Precondition.parse(ctx);
        if (!normalForm(parts)) {
            throw StorageException.notFound();
        }
        return new Request(user.storage(), precondition, now);
    }

    /**
     * Vert.x routes on the normalized path; a storage node takes the segments as sent, where an empty, "." or ".."
     * segment (but a trailing slash) names no resource.
     */
    private static boolean normalForm(String[] pathSegments) {
        for (int i = 1; i < pathSegments.length; i++) {
            String segment = pathSegments[i];
            boolean last = i == pathSegments.length - 1;
            if ((segment.isEmpty() && !last) || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** The fault plan stands in for Mozilla's infrastructure: latency, 503 + Retry-After, X-Weave-Backoff. */
    private void applyFaults(RoutingContext ctx, String fxaUid) {
        if (fxaUid != null) {
            faults.called(fxaUid);
        }
        long latency = faults.latencyMillis(fxaUid);
        if (latency > 0) {
            ctx.put(HttpSupport.LATENCY_KEY, latency);
        }
        int retryAfter = faults.take(fxaUid, (FaultPlan p) -> p.storageUnavailable);
        if (retryAfter >= 0) {
            throw new StorageException(503, WeaveError.UNKNOWN_ERROR,
                    Map.of("Retry-After", Integer.toString(retryAfter)));
        }
        int backoff = faults.take(fxaUid, (FaultPlan p) -> p.backoff);
        if (backoff >= 0) {
            ctx.response().putHeader("X-Weave-Backoff", Integer.toString(backoff));
        }
    }

    /** 405 for a path that exists, 404 for a malformed collection or id whatever the method. */
    private static Handler notAllowed(String allowed) {
        return (ctx, request) -> {
            if (ctx.pathParam("collection") != null) {
                collection(ctx);
            }
            if (ctx.pathParam("id") != null) {
                bsoId(ctx);
            }
            throw StorageException.methodNotAllowed(allowed);
        };
    }

    private static String collection(RoutingContext ctx) {
        String collection = ctx.pathParam("collection");
        if (!COLLECTION.matcher(collection).matches()) {
            throw StorageException.notFound();
        }
        return collection;
    }

    private static String bsoId(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!BsoBodies.BSO_ID.matcher(id).matches()) {
            throw StorageException.notFound();
        }
        return id;
    }

    // ------------------------------------------------------------------ the server and the user's storage

    private void configuration(RoutingContext ctx, long now) {
        applyFaults(ctx, null);
        ctx.response().putHeader("X-Last-Modified", "0.00");
        StorageAnswer.finish(ctx, now, 0, 200, "application/json", Buffer.buffer(limits.toJson()));
    }

    private void deleteStorage(RoutingContext ctx, Request r) {
        UserStorage storage = r.storage();
        if (r.precondition().check304or412(ctx, r.now(), storage.lastModified())) {
            return;
        }
        storage.deleteAll(r.now());
        StorageAnswer.finish(ctx, r.now(), storage.lastModified(), 200, "application/json", Buffer.buffer("null"));
    }

    private void info(RoutingContext ctx, Request r) {
        UserStorage storage = r.storage();
        long now = r.now();
        long ts = storage.lastModified();
        if (r.precondition().check304or412(ctx, now, ts)) {
            return;
        }
        StringBuilder sb = new StringBuilder("{");
        int records;
        switch (ctx.pathParam("what")) {
            case "collections" -> {
                Map<String, Long> m = storage.collectionTimestamps();
                m.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(Json.quote(k)).append(':')
                        .append(SyncTimestamps.json(v)));
                records = m.size();
            }
            case "collection_counts" -> {
                Map<String, Integer> m = storage.collectionCounts(now);
                m.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(Json.quote(k)).append(':')
                        .append(v));
                records = m.size();
            }
            case "collection_usage" -> {
                Map<String, Long> m = storage.collectionUsage(now);
                m.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(Json.quote(k)).append(':')
                        .append(v / 1024.0));
                records = m.size();
            }
            case "quota" -> {
                long total = storage.collectionUsage(now).values().stream().mapToLong(Long::longValue).sum();
                ctx.response().putHeader("X-Last-Modified", SyncTimestamps.header(ts));
                StorageAnswer.finish(ctx, now, ts, 200, "application/json",
                        Buffer.buffer("[" + (total / 1024.0) + ",null]"));
                return;
            }
            default -> throw StorageException.notFound();
        }
        sb.append('}');
        ctx.response().putHeader("X-Last-Modified", SyncTimestamps.header(ts));
        ctx.response().putHeader("X-Weave-Records", Integer.toString(records));
        StorageAnswer.finish(ctx, now, ts, 200, "application/json", Buffer.buffer(sb.toString()));
    }

    // ------------------------------------------------------------------ collections

    private void getCollection(RoutingContext ctx, Request r) {
        String collection = collection(ctx);
        UserStorage storage = r.storage();
        long now = r.now();
        BsoQuery q = BsoQueryParser.parse(ctx);
        boolean newlines = BsoQueryParser.acceptsNewlines(ctx);
        long ts = storage.collectionModified(collection);
        if (r.precondition().check304or412(ctx, now, ts)) {
            return;
        }
        Page page = storage.query(collection, q, now);
        int size = 2;
        for (StoredBso b : page.items()) {
            size += (q.full() ? b.json().length : b.idJson().length) + 1;
        }
        Buffer body = Buffer.buffer(size);
        if (!newlines) {
            body.appendByte((byte) '[');
        }
        boolean first = true;
        for (StoredBso b : page.items()) {
            if (!newlines && !first) {
                body.appendByte((byte) ',');
            }
            body.appendBytes(q.full() ? b.json() : b.idJson());
            if (newlines) {
                body.appendByte((byte) '\n');
            }
            first = false;
        }
        if (!newlines) {
            body.appendByte((byte) ']');
        }
        ctx.response().putHeader("X-Last-Modified", SyncTimestamps.header(page.collectionModified()));
        ctx.response().putHeader("X-Weave-Records", Integer.toString(page.items().size()));
        if (page.nextOffset() != null) {
            ctx.response().putHeader("X-Weave-Next-Offset", page.nextOffset());
        }
        StorageAnswer.finish(ctx, now, page.collectionModified(), 200,
                newlines ? "application/newlines" : "application/json", body);
    }

    /**
     * Writes the posted records at once, or adds them to a batch (opened by {@code batch=true}, or named by its id),
     * or adds them and commits the batch ({@code commit=true}).
     */
    private void postCollection(RoutingContext ctx, Request r) {
        String collection = collection(ctx);
        UserStorage storage = r.storage();
        long now = r.now();
        Batch batch = Batch.of(ctx);
        BsoBodies.checkCountHeader(ctx, "X-Weave-Records", limits.maxPostRecords());
        BsoBodies.checkCountHeader(ctx, "X-Weave-Bytes", limits.maxPostBytes());
        BsoBodies.checkCountHeader(ctx, "X-Weave-Total-Records", limits.maxTotalRecords());
        BsoBodies.checkCountHeader(ctx, "X-Weave-Total-Bytes", limits.maxTotalBytes());
        BsoUpload upload = BsoUpload.of(BsoBodies.parseBsoList(ctx), limits);
        long resource = storage.collectionModified(collection);
        if (r.precondition().check304or412(ctx, now, resource)) {
            return;
        }
        if (batch.atOnce()) {
            writeResult(ctx, now, storage.write(collection, upload.writes(), now), upload);
            return;
        }
        String batchId = batch.id();
        if (batch.opensOne()) {
            batchId = storage.createBatch(collection, now);
        } else if (!storage.hasBatch(collection, batchId)) {
            throw StorageException.badRequest(WeaveError.UNKNOWN_ERROR);
        }
        if (batch.commit()) {
            writeResult(ctx, now, storage.commitBatch(collection, batchId, upload.writes(), now), upload);
        } else {
            appendToBatch(ctx, now, storage, collection, batchId, upload, resource);
        }
    }

    /** 202 with the batch id: the records wait in the batch until it is committed. */
    private void appendToBatch(RoutingContext ctx, long now, UserStorage storage, String collection, String batchId,
            BsoUpload upload, long resource) {
        if (storage.batchSize(batchId) + upload.writes().size() > limits.maxTotalRecords()) {
            throw StorageException.badRequest(WeaveError.SIZE_LIMIT_EXCEEDED);
        }
        storage.appendBatch(collection, batchId, upload.writes());
        ObjectNode out = Json.object();
        out.put("batch", batchId);
        ArrayNode success = out.putArray("success");
        upload.success().forEach(success::add);
        ObjectNode failed = out.putObject("failed");
        upload.failed().forEach(failed::put);
        ctx.response().putHeader("X-Last-Modified", SyncTimestamps.header(resource));
        StorageAnswer.finish(ctx, now, resource, 202, "application/json", Buffer.buffer(Json.write(out)));
    }

    private void writeResult(RoutingContext ctx, long now, long t, BsoUpload upload) {
        StringBuilder sb = new StringBuilder("{\"modified\":").append(SyncTimestamps.json(t)).append(",\"success\":");
        sb.append(Json.write(upload.success())).append(",\"failed\":").append(Json.write(upload.failed())).append('}');
        ctx.response().putHeader("X-Last-Modified", SyncTimestamps.header(t));
        StorageAnswer.finish(ctx, now, t, 200, "application/json", Buffer.buffer(sb.toString()));
    }

    private void deleteCollection(RoutingContext ctx, Request r) {
        String collection = collection(ctx);
        UserStorage storage = r.storage();
        long now = r.now();
        long resource = storage.collectionModified(collection);
        BsoQuery q = BsoQueryParser.parse(ctx);
        if (r.precondition().check304or412(ctx, now, resource)) {
            return;
        }
        if (q.ids() != null && !q.ids().isEmpty()) {
            long t = storage.deleteIds(collection, q.ids(), now);
            ctx.response().putHeader("X-Last-Modified", SyncTimestamps.header(t));
            StorageAnswer.finish(ctx, now, t, 200, "application/json", Buffer.buffer(SyncTimestamps.json(t)));
            return;
        }
        long t = storage.deleteCollection(collection, now);
        ctx.response().putHeader("X-Last-Modified", SyncTimestamps.header(resource));
        StorageAnswer.finish(ctx, now, t, 200, "application/json", Buffer.buffer(SyncTimestamps.json(t)));
    }

    // ------------------------------------------------------------------ single BSOs

    private void getBso(RoutingContext ctx, Request r) {
        String collection = collection(ctx);
        String id = bsoId(ctx);
        long now = r.now();
        StoredBso bso = r.storage().get(collection, id, now);
        long resource = bso == null ? 0 : bso.modified();
        if (r.precondition().check304or412(ctx, now, resource)) {
            return;
        }
        if (bso == null) {
            throw StorageException.notFound();
        }
        ctx.response().putHeader("X-Last-Modified", SyncTimestamps.header(bso.modified()));
        StorageAnswer.finish(ctx, now, bso.modified(), 200, "application/json", Buffer.buffer(bso.json()));
    }

    private void putBso(RoutingContext ctx, Request r) {
        String collection = collection(ctx);
        String id = bsoId(ctx);
        UserStorage storage = r.storage();
        long now = r.now();
        BsoBodies.checkContentType(ctx);
        JsonNode body = Json.parseOrNull(HttpSupport.bodyBytes(ctx));
        if (body == null) {
            throw StorageException.badRequest(WeaveError.MALFORMED_JSON);
        }
        if (!(body instanceof ObjectNode o) || (o.has("id") && !id.equals(o.path("id").asText(null)))) {
            throw StorageException.badRequest(WeaveError.INVALID_WBO);
        }
        BsoWrite w = BsoBodies.toWrite(id, o);
        if (w == null) {
            throw StorageException.badRequest(WeaveError.INVALID_WBO);
        }
        if (r.precondition().check304or412(ctx, now, storage.bsoModified(collection, id, now))) {
            return;
        }
        long t = storage.write(collection, List.of(w), now);
        ctx.response().putHeader("X-Last-Modified", SyncTimestamps.header(t));
        StorageAnswer.finish(ctx, now, t, 200, "application/json", Buffer.buffer(SyncTimestamps.json(t)));
    }

    private void deleteBso(RoutingContext ctx, Request r) {
        String collection = collection(ctx);
        String id = bsoId(ctx);
        UserStorage storage = r.storage();
        long now = r.now();
        if (r.precondition().check304or412(ctx, now, storage.bsoModified(collection, id, now))) {
            return;
        }
        long t = storage.delete(collection, id, now);
        StorageAnswer.finish(ctx, now, t, 200, "application/json",
                Buffer.buffer("{\"modified\":" + SyncTimestamps.json(t) + "}"));
    }
}
