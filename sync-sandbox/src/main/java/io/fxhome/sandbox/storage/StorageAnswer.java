package io.fxhome.sandbox.storage;

import io.fxhome.sandbox.http.HttpSupport;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Sends storage answers. */
final class StorageAnswer {
    private StorageAnswer() {
    }

    /** Sends an answer with X-Weave-Timestamp = max(now, X-Last-Modified), as syncstorage-rs's middleware does. */
    static void finish(RoutingContext ctx, long now, long lastModified, int status, String contentType,
            Buffer body) {
        long weave = Math.max(SyncTimestamps.truncate(now), lastModified);
        ctx.response().putHeader("X-Weave-Timestamp", SyncTimestamps.header(weave));
        HttpSupport.send(ctx, status, contentType, body);
    }
}
