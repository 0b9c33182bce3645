package io.fxhome.sync.testsupport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.storage.ServerTimestamp;

/**
 * A storage collection endpoint that behaves like syncstorage-rs for reads: {@code newer} (strict), {@code sort},
 * {@code limit}, opaque {@code <ms>:<n>} offsets (with a colon, to test encoding), an optional default limit like
 * the MySQL backend, {@code X-If-Unmodified-Since} → 412, and the usual response headers.
 */
public final class PagedCollection implements Function<TestHttpServer.Request, TestHttpServer.Response> {
    private final List<ObjectNode> bsos = new ArrayList<>();
    private volatile String lastModified;
    private volatile int defaultLimit;
    private volatile Runnable afterFirstPage;
    private final AtomicInteger served = new AtomicInteger();

    public PagedCollection(String lastModified) {
        this.lastModified = lastModified;
    }

    public synchronized PagedCollection add(ObjectNode bso) {
        bsos.add(bso);
        return this;
    }

    /** Like MySQL's default limit: answer at most this many without an explicit limit. */
    public PagedCollection defaultLimit(int n) {
        this.defaultLimit = n;
        return this;
    }

    /** Runs once after the first page was served (e.g. to simulate a concurrent write). */
    public PagedCollection afterFirstPage(Runnable r) {
        this.afterFirstPage = r;
        return this;
    }

    public void setLastModified(String ts) {
        this.lastModified = ts;
    }

    public int pagesServed() {
        return served.get();
    }

    @Override
    public synchronized TestHttpServer.Response apply(TestHttpServer.Request req) {
        Map<String, String> q = req.query();
        String ius = req.header("X-If-Unmodified-Since");
        if (ius != null && ServerTimestamp.parse(lastModified).isAfter(ServerTimestamp.parse(ius))) {
            return TestHttpServer.Response.empty(412).header("X-Last-Modified", lastModified)
                    .header("X-Weave-Timestamp", lastModified);
        }
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode b : bsos) {
            if (!q.containsKey("newer") || ServerTimestamp.parse(b.get("modified").asText())
                    .isAfter(ServerTimestamp.parse(q.get("newer")))) {
                matching.add(b);
            }
        }
        Comparator<ObjectNode> byModified = Comparator.comparing(b -> ServerTimestamp.parse(b.get("modified").asText()));
        byModified = byModified.thenComparing(b -> b.get("id").asText());
        if ("newest".equals(q.get("sort"))) {
            byModified = byModified.reversed();
        }
        matching.sort(byModified);
        int start = 0;
        if (q.containsKey("offset")) {
            String off = q.get("offset");
            start = Integer.parseInt(off.substring(off.indexOf(':') + 1));
        }
        int limit = q.containsKey("limit") ? Integer.parseInt(q.get("limit"))
                : defaultLimit > 0 ? defaultLimit : Integer.MAX_VALUE;
        int end = (int) Math.min(matching.size(), (long) start + limit);
        List<ObjectNode> page = matching.subList(Math.min(start, matching.size()), end);
        boolean full = q.containsKey("full");
        StringBuilder body = new StringBuilder("[");
        for (ObjectNode b : page) {
            body.append(body.length() > 1 ? "," : "").append(full ? b.toString() : "\"" + b.get("id").asText() + "\"");
        }
        body.append(']');
        TestHttpServer.Response resp = TestHttpServer.Response.json(200, body.toString())
                .header("X-Last-Modified", lastModified).header("X-Weave-Timestamp", lastModified)
                .header("X-Weave-Records", Integer.toString(page.size()));
        if (end < matching.size()) {
            resp.header("X-Weave-Next-Offset", "1700000000000:" + end);
        }
        if (served.incrementAndGet() == 1 && afterFirstPage != null) {
            afterFirstPage.run();
        }
        return resp;
    }
}
