package io.fxhome.sandbox.storage;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** X-If-Modified-Since / X-If-Unmodified-Since of a request (at most one of them). */
record Precondition(Long modifiedSince, Long unmodifiedSince) {
    static Precondition parse(RoutingContext ctx) {
        String m = ctx.request().getHeader("X-If-Modified-Since");
        String u = ctx.request().getHeader("X-If-Unmodified-Since");
        if (m != null && u != null) {
            throw StorageException.badRequest(WeaveError.UNKNOWN_ERROR);
        }
        try {
            return new Precondition(m == null ? null : SyncTimestamps.parse(m),
                    u == null ? null : SyncTimestamps.parse(u));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw StorageException.badRequest(WeaveError.UNKNOWN_ERROR);
        }
    }

    /** Answers 304 or 412 (with X-Last-Modified, empty body) when the precondition says so. */
    boolean check304or412(RoutingContext ctx, long now, long resource) {
        int status = modifiedSince != null && resource <= modifiedSince ? 304
                : unmodifiedSince != null && resource > unmodifiedSince ? 412 : 0;
        if (status == 0) {
            return false;
        }
        ctx.response().putHeader("X-Last-Modified", SyncTimestamps.header(resource));
        StorageAnswer.finish(ctx, now, resource, status, null, Buffer.buffer());
        return true;
    }
}
