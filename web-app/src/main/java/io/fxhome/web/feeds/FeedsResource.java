package io.fxhome.web.feeds;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.problem.Problem;
import io.fxhome.web.tabs.DeviceTabs;
import io.fxhome.web.tabs.TabView;
import io.fxhome.web.tabs.TabsRepository;
import io.fxhome.web.tokens.TokensConfig;

/**
 * The Atom feeds at secret URLs, for feed readers that can send no cookie or header: the key in the path is the only
 * credential, and opens these two feeds of its account and nothing else. A wrong, replaced or revoked key is a plain
 * 404, whichever it is.
 */
@Path("/feeds/{key}")
@Tag(name = "feeds")
public class FeedsResource {
    private final Feeds feeds;
    private final NewBookmarksRepository bookmarks;
    private final TabsRepository tabs;
    private final TokensConfig config;

    public FeedsResource(Feeds feeds, NewBookmarksRepository bookmarks, TabsRepository tabs, TokensConfig config) {
        this.feeds = feeds;
        this.bookmarks = bookmarks;
        this.tabs = tabs;
        this.config = config;
    }

    @GET
    @Path("bookmarks.atom")
    @Produces(AtomFeed.MEDIA_TYPE)
    @Operation(summary = "Atom feed of the newest bookmarks (the key is the account's feed secret)")
    public Response bookmarks(@PathParam("key") String key, @Context UriInfo uri) {
        UUID account = open(key);
        List<FeedEntry> entries = bookmarks.newest(account, config.feedEntries());
        Instant updated = entries.isEmpty() ? Instant.EPOCH : entries.getFirst().updated();
        return atom(new AtomFeed(AtomFeed.id("bookmarks", account), "fxhome: new bookmarks",
                uri.getRequestUri().toString(), null, updated, entries));
    }

    @GET
    @Path("tabs.atom")
    @Produces(AtomFeed.MEDIA_TYPE)
    @Operation(summary = "Atom feed of one device's open tabs (device: its client id, as in the feed URLs fxhome lists)")
    public Response tabs(@PathParam("key") String key, @QueryParam("device") String device, @Context UriInfo uri) {
        UUID account = open(key);
        DeviceTabs found = tabs.byDevice(account).stream().filter(d -> d.clientId().equals(device)).findFirst()
                .orElseThrow(() -> Problem.notFound("That device"));
        List<FeedEntry> entries = found.tabs().stream().limit(config.feedEntries()).map(t -> entry(account, found, t))
                .toList();
        String name = found.name() == null || found.name().isBlank() ? "a device" : found.name();
        return atom(new AtomFeed(AtomFeed.id("tabs", account, found.clientId()), "fxhome: tabs open on " + name,
                uri.getRequestUri().toString(), null, found.updatedAt() == null ? Instant.EPOCH : found.updatedAt(), entries));
    }

    private UUID open(String key) {
        return feeds.open(key).orElseThrow(() -> Problem.notFound("That feed"));
    }

    private static FeedEntry entry(UUID account, DeviceTabs device, TabView tab) {
        return new FeedEntry(AtomFeed.id("tab", account, device.clientId(), tab.url()), tab.title(),
                tab.linkable() ? tab.url() : null, tab.lastUsed() == null ? device.updatedAt() : tab.lastUsed(), tab.url());
    }

    private static Response atom(AtomFeed feed) {
        // private: the URL is a secret, so no shared cache may keep (or serve) the answer; noindex for the same reason.
        return Response.ok(feed.render(), AtomFeed.MEDIA_TYPE + "; charset=utf-8").header("Cache-Control", "private, no-cache")
                .header("X-Robots-Tag", "noindex, nofollow").build();
    }
}
