package io.fxhome.web.tabs;

import java.time.Instant;
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

import io.fxhome.web.devices.Staleness;
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

    /**
     * The last answer per account, the version it was made from (the phone polls this list most), and until when it
     * holds: the moment its first fresh device turns stale.
     */
    private record Cached(String version, ConditionalJson.Serialized answer, Instant validUntil) {
    }

    private static final int MAX_CACHED = 10_000;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
    private final TabsRepository tabs;
    private final CurrentUser current;
    private final ConditionalJson json;
    private final Staleness staleness;

    public TabsResource(TabsRepository tabs, CurrentUser current, ConditionalJson json, Staleness staleness) {
        this.tabs = tabs;
        this.current = current;
        this.json = json;
        this.staleness = staleness;
    }

    @GET
    @Operation(summary = "Open tabs of the user's devices, grouped by device, most recent device first (ETag / 304)")
    public Response tabs(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        UUID account = current.require().accountId();
        // Version first, then data: a write in between only makes the next request rebuild, never serve stale tabs.
        String version = tabs.version(account);
        Cached cached = cache.get(account);
        Instant now = Instant.now();
        if (cached == null || !cached.version().equals(version) || !now.isBefore(cached.validUntil())) {
            List<DeviceTabs> devices = tabs.byDevice(account);
            Instant validUntil = devices.stream().filter(d -> !d.stale() && d.tabsChangedAt() != null)
                    .map(d -> staleness.staleFrom(d.tabsChangedAt())).min(Instant::compareTo).orElse(Instant.MAX);
            cached = new Cached(version, json.serialize(new TabsAnswer(devices)), validUntil);
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(account, cached);
        }
        return json.ok(cached.answer(), ifNoneMatch);
    }
}
