package io.fxhome.web.tabs;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.http.ConditionalJson;
import io.fxhome.web.session.CurrentUser;

/** {@code GET /api/v1/tabs}, answered from memory while the account's tabs and devices have not changed. */
@Path("/api/v1/tabs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
public class TabsResource {
    /** {@code GET /api/v1/tabs}. */
    public record TabsAnswer(List<DeviceTabs> devices) {
    }

    /** The last answer per account and the version it was made from (the phone polls this list most). */
    private record Cached(String version, ConditionalJson.Serialized answer) {
    }

    private static final int MAX_CACHED = 10_000;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
    private final TabsRepository tabs;
    private final CurrentUser current;
    private final ConditionalJson json;

    public TabsResource(TabsRepository tabs, CurrentUser current, ConditionalJson json) {
        this.tabs = tabs;
        this.current = current;
        this.json = json;
    }

    @GET
    @Operation(summary = "Open tabs of the user's devices, grouped by device, most recent device first (ETag / 304)")
    public Response tabs(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        UUID account = current.require().accountId();
        // Version first, then data: a write in between only makes the next request rebuild, never serve stale tabs.
        String version = tabs.version(account);
        Cached cached = cache.get(account);
        if (cached == null || !cached.version().equals(version)) {
            cached = new Cached(version, json.serialize(new TabsAnswer(tabs.byDevice(account))));
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(account, cached);
        }
        return json.ok(cached.answer(), ifNoneMatch);
    }
}
