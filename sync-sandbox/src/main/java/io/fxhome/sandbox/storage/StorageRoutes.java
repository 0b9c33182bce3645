package io.fxhome.sandbox.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.faults.FaultPlan;
import io.fxhome.sandbox.http.HttpSupport;
import io.fxhome.sandbox.http.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sync storage API 1.5 on two nodes: {@code /1.5/{uid}/...} and {@code /node2/1.5/{uid}/...}. Status codes, headers
 * and bare-integer error bodies follow syncstorage-rs; every answer carries X-Weave-Timestamp.
 */
public final class StorageRoutes {
    private static final Pattern COLLECTION = Pattern.compile("[a-zA-Z0-9._-]{1,32}");

    private final Sandbox sandbox;
    private final StorageAuth auth;
    private final StorageLimits limits = StorageLimits.defaults();

    private StorageRoutes(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.auth = new StorageAuth(sandbox);
    }

    public static void install(Router router, Sandbox sandbox) {
        StorageRoutes routes = new StorageRoutes(sandbox);
        for (String prefix : new String[] {"/1.5/*", "/node2/1.5/*"}) {
            router.route(prefix).handler(BodyHandler.create(false).setBodyLimit(routes.limits.maxRequestBytes() * 4));
            router.route(prefix).blockingHandler(routes::handle, false);
        }
    }

    /** The parts of a storage path after {@code /1.5/{uid}}. */
    private record Target(String uid, List<String> rest) {
    }

    private void handle(RoutingContext ctx) {
        long now = sandbox.now();
        try {
            boolean node2 = ctx.request().path().startsWith("/node2/");
            Target target = parse(ctx.request().path(), node2);
            String method = ctx.request().method().name();
            List<String> rest = target.rest();
            if (rest.size() == 2 && rest.get(0).equals("info") && rest.get(1).equals("configuration")) {
                requireMethod(method, "GET");
                applyGlobalFaults(ctx);
                ctx.response().putHeader("X-Last-Modified", "0.00");
                StorageAnswer.finish(ctx, now, 0, 200, "application/json", Buffer.buffer(limits.toJson()));
                return;
            }
            boolean infoCollections = rest.size() == 2 && rest.get(0).equals("info")
                    && rest.get(1).equals("collections");
            StorageAuth.Authenticated user = auth.authenticate(ctx, target.uid(), node2, infoCollections, now);
            applyFaults(ctx, user.account().account().uid());
            Precondition pre = Precondition.parse(ctx);
            dispatch(ctx, user.storage(), method, rest, pre, now);
        } catch (StorageException e) {
            e.headers().forEach((k, v) -> ctx.response().putHeader(k, v));
            StorageAnswer.finish(ctx, now, -1, e.status(), "application/json", Buffer.buffer(Integer.toString(e.weaveCode())));
        } catch (RuntimeException e) {
            StorageAnswer.finish(ctx, now, -1, 500, "application/json", Buffer.buffer("0"));
        }
    }

    private Target parse(String rawPath, boolean node2) {
        String[] parts = rawPath.split("/", -1);
        int base = node2 ? 3 : 2;
        if (parts.length <= base) {
            throw StorageException.notFound();
        }
        List<String> rest = new ArrayList<>();
        for (int i = base + 1; i < parts.length; i++) {
            if (i == parts.length - 1 && parts[i].isEmpty()) {
                break;
            }
            try {
                rest.add(HttpSupport.decodeSegment(parts[i]));
            } catch (IllegalArgumentException e) {
                throw StorageException.notFound();
            }
        }
        return new Target(parts[base], rest);
    }

    private static void requireMethod(String method, String... allowed) {
        if (!Arrays.asList(allowed).contains(method)) {
            throw new StorageException(405, 0, Map.of("Allow", String.join(", ", allowed)));
        }
    }

    private void applyGlobalFaults(RoutingContext ctx) {
        applyFaults(ctx, null);
    }

    /** The fault plan stands in for Mozilla's infrastructure: latency, 503 + Retry-After, X-Weave-Backoff. */
    private void applyFaults(RoutingContext ctx, String fxaUid) {
        long latency = sandbox.faultRegistry().latencyMillis(fxaUid);
        if (latency > 0) {
            ctx.put(HttpSupport.LATENCY_KEY, latency);
        }
        int retryAfter = sandbox.takeFault(fxaUid, (FaultPlan p) -> p.storageUnavailable);
        if (retryAfter >= 0) {
            throw new StorageException(503, 0, Map.of("Retry-After", Integer.toString(retryAfter)));
        }
        int backoff = sandbox.takeFault(fxaUid, (FaultPlan p) -> p.backoff);
        if (backoff >= 0) {
            ctx.response().putHeader("X-Weave-Backoff", Integer.toString(backoff));
        }
    }

    private void dispatch(RoutingContext ctx, UserStorage storage, String method, List<String> rest,
            Precondition pre, long now) {
        if (rest.isEmpty() || (rest.size() == 1 && rest.get(0).equals("storage"))) {
            requireMethod(method, "DELETE");
            if (pre.check304or412(ctx, now, storage.lastModified())) {
                return;
            }
            storage.deleteAll(now);
            StorageAnswer.finish(ctx, now, storage.lastModified(), 200, "application/json", Buffer.buffer("null"));
            return;
        }
        if (rest.get(0).equals("info") && rest.size() == 2) {
            requireMethod(method, "GET");
            info(ctx, storage, rest.get(1), pre, now);
            return;
        }
        if (!rest.get(0).equals("storage") || rest.size() > 3) {
            throw StorageException.notFound();
        }
        String collection = rest.get(1);
        if (!COLLECTION.matcher(collection).matches()) {
            throw StorageException.notFound();
        }
        if (rest.size() == 2) {
            switch (method) {
                case "GET" -> getCollection(ctx, storage, collection, pre, now);
                case "POST" -> postCollection(ctx, storage, collection, pre, now);
                case "DELETE" -> deleteCollection(ctx, storage, collection, pre, now);
                default -> requireMethod(method, "GET", "POST", "DELETE");
            }
            return;
        }
        String id = rest.get(2);
        if (!BsoBodies.BSO_ID.matcher(id).matches()) {
            throw StorageException.notFound();
        }
        switch (method) {
            case "GET" -> getBso(ctx, storage, collection, id, pre, now);
            case "PUT" -> putBso(ctx, storage, collection, id, pre, now);
            case "DELETE" -> {
                if (pre.check304or412(ctx, now, storage.bsoModified(collection, id, now))) {
                    return;
                }
                long t = storage.delete(collection, id, now);
                StorageAnswer.finish(ctx, now, t, 200, "application/json", Buffer.buffer("{\"modified\":" + SyncTimestamps.json(t)
                        + "}"));
            }
            default -> requireMethod(method, "GET", "PUT", "DELETE");
        }
    }

    private void info(RoutingContext ctx, UserStorage storage, String what, Precondition pre, long now) {
        long ts = storage.lastModified();
        if (pre.check304or412(ctx, now, ts)) {
            return;
        }
        StringBuilder sb = new StringBuilder("{");
        int records;
        switch (what) {
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
                StorageAnswer.finish(ctx, now, ts, 200, "application/json", Buffer.buffer("[" + (total / 1024.0) + ",null]"));
                return;
            }
            default -> throw StorageException.notFound();
        }
        sb.append('}');
        ctx.response().putHeader("X-Last-Modified", SyncTimestamps.header(ts));
        ctx.response().putHeader("X-Weave-Records", Integer.toString(records));
        StorageAnswer.finish(ctx, now, ts, 200, "application/json", Buffer.buffer(sb.toString()));
    }

    // ------------------------------------------------------------------ collection GET

    private void getCollection(RoutingContext ctx, UserStorage storage, String collection, Precondition pre,
            long now) {
        BsoQuery q = BsoQueryParser.parse(ctx);
        boolean newlines = BsoQueryParser.acceptsNewlines(ctx);
        long ts = storage.collectionModified(collection);
        if (pre.check304or412(ctx, now, ts)) {
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
        StorageAnswer.finish(ctx, now, page.collectionModified(), 200, newlines ? "application/newlines" : "application/json",
                body);
    }

    // ------------------------------------------------------------------ writes

    private void deleteCollection(RoutingContext ctx, UserStorage storage, String collection, Precondition pre,
            long now) {
        long resource = storage.collectionModified(collection);
        BsoQuery q = BsoQueryParser.parse(ctx);
        if (pre.check304or412(ctx, now, resource)) {
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

    private void getBso(RoutingContext ctx, UserStorage storage, String collection, String id, Precondition pre,
            long now) {
        StoredBso bso = storage.get(collection, id, now);
        long resource = bso == null ? 0 : bso.modified();
        if (pre.check304or412(ctx, now, resource)) {
            return;
        }
        if (bso == null) {
            throw StorageException.notFound();
        }
        ctx.response().putHeader("X-Last-Modified", SyncTimestamps.header(bso.modified()));
        StorageAnswer.finish(ctx, now, bso.modified(), 200, "application/json", Buffer.buffer(bso.json()));
    }

    private void putBso(RoutingContext ctx, UserStorage storage, String collection, String id, Precondition pre,
            long now) {
        BsoBodies.checkContentType(ctx);
        JsonNode body = Json.parseOrNull(HttpSupport.bodyBytes(ctx));
        if (body == null) {
            throw StorageException.badRequest(6);
        }
        if (!(body instanceof ObjectNode o)) {
            throw StorageException.badRequest(8);
        }
        if (o.has("id") && !id.equals(o.path("id").asText(null))) {
            throw StorageException.badRequest(8);
        }
        BsoWrite w = BsoBodies.toWrite(id, o);
        if (w == null) {
            throw StorageException.badRequest(8);
        }
        long resource = storage.bsoModified(collection, id, now);
        if (pre.check304or412(ctx, now, resource)) {
            return;
        }
        long t = storage.write(collection, List.of(w), now);
        ctx.response().putHeader("X-Last-Modified", SyncTimestamps.header(t));
        StorageAnswer.finish(ctx, now, t, 200, "application/json", Buffer.buffer(SyncTimestamps.json(t)));
    }

    private void postCollection(RoutingContext ctx, UserStorage storage, String collection, Precondition pre,
            long now) {
        String batchParam = ctx.queryParams().get("batch");
        String commitParam = ctx.queryParams().get("commit");
        boolean commit = commitParam != null;
        if (commit && !"true".equalsIgnoreCase(commitParam)) {
            throw StorageException.badRequest(0);
        }
        if (commit && batchParam == null) {
            throw StorageException.badRequest(0);
        }
        boolean totals = ctx.request().getHeader("X-Weave-Total-Records") != null
                || ctx.request().getHeader("X-Weave-Total-Bytes") != null;
        if (totals && batchParam == null) {
            throw StorageException.badRequest(1);
        }
        BsoBodies.checkCountHeader(ctx, "X-Weave-Records", limits.maxPostRecords());
        BsoBodies.checkCountHeader(ctx, "X-Weave-Bytes", limits.maxPostBytes());
        BsoBodies.checkCountHeader(ctx, "X-Weave-Total-Records", limits.maxTotalRecords());
        BsoBodies.checkCountHeader(ctx, "X-Weave-Total-Bytes", limits.maxTotalBytes());

        List<ObjectNode> items = BsoBodies.parseBsoList(ctx);
        if (items.size() > limits.maxPostRecords()) {
            throw StorageException.badRequest(17);
        }
        List<BsoWrite> valid = new ArrayList<>();
        List<String> success = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        long bytes = 0;
        for (ObjectNode o : items) {
            JsonNode idNode = o.get("id");
            if (idNode == null || !idNode.isTextual()) {
                throw StorageException.badRequest(8);
            }
            String id = idNode.asText();
            if (!BsoBodies.BSO_ID.matcher(id).matches()) {
                failed.put(id, "invalid id");
                continue;
            }
            BsoWrite w = BsoBodies.toWrite(id, o);
            if (w == null) {
                failed.put(id, "invalid bso");
                continue;
            }
            if (w.payload() != null && w.payload().length() > limits.maxRecordPayloadBytes()) {
                failed.put(id, "retry bytes");
                continue;
            }
            bytes += w.payload() == null ? 0 : w.payload().length();
            valid.add(w);
            success.add(id);
        }
        if (bytes > limits.maxPostBytes()) {
            throw StorageException.badRequest(17);
        }
        long resource = storage.collectionModified(collection);
        if (pre.check304or412(ctx, now, resource)) {
            return;
        }
        ObjectNode out = Json.object();
        if (batchParam == null || ("true".equalsIgnoreCase(batchParam) && commit)) {
            long t = storage.write(collection, valid, now);
            writeResult(ctx, now, t, success, failed);
            return;
        }
        String batchId = batchParam;
        if ("true".equalsIgnoreCase(batchParam)) {
            batchId = storage.createBatch(collection, now);
        } else if (!storage.hasBatch(collection, batchId)) {
            throw StorageException.badRequest(0);
        }
        if (!commit) {
            if (storage.batchSize(batchId) + valid.size() > limits.maxTotalRecords()) {
                throw StorageException.badRequest(17);
            }
            storage.appendBatch(collection, batchId, valid);
            out.put("batch", batchId);
            ArrayNode s = out.putArray("success");
            success.forEach(s::add);
            ObjectNode f = out.putObject("failed");
            failed.forEach(f::put);
            ctx.response().putHeader("X-Last-Modified", SyncTimestamps.header(resource));
            StorageAnswer.finish(ctx, now, resource, 202, "application/json", Buffer.buffer(Json.write(out)));
            return;
        }
        long t = storage.commitBatch(collection, batchId, valid, now);
        writeResult(ctx, now, t, success, failed);
    }

    private void writeResult(RoutingContext ctx, long now, long t, List<String> success, Map<String, String> failed) {
        StringBuilder sb = new StringBuilder("{\"modified\":").append(SyncTimestamps.json(t)).append(",\"success\":");
        sb.append(Json.write(success)).append(",\"failed\":").append(Json.write(failed)).append('}');
        ctx.response().putHeader("X-Last-Modified", SyncTimestamps.header(t));
        StorageAnswer.finish(ctx, now, t, 200, "application/json", Buffer.buffer(sb.toString()));
    }

}
