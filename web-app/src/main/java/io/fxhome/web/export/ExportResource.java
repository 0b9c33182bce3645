package io.fxhome.web.export;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.bookmarks.health.BookmarkHealth;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.tabs.DeviceTabs;
import io.fxhome.web.tabs.TabsRepository;
import io.fxhome.web.timeline.DeviceId;
import io.fxhome.web.timeline.TabSnapshot;
import io.fxhome.web.timeline.TimeParameter;
import io.fxhome.web.timeline.TimelineRepository;

/**
 * Downloads of the bookmarks (Netscape bookmark HTML, JSON) and of a device's tabs, now or at a moment of its
 * timeline (JSON, a plain list of links). Each is an attachment, never cached by a shared cache.
 */
@Path("/api/v1/export")
@Tag(name = "export")
public class ExportResource {
    private final BookmarkHealth bookmarks;
    private final TabsRepository tabs;
    private final TimelineRepository timeline;
    private final CurrentUser current;

    public ExportResource(BookmarkHealth bookmarks, TabsRepository tabs, TimelineRepository timeline, CurrentUser current) {
        this.bookmarks = bookmarks;
        this.tabs = tabs;
        this.timeline = timeline;
        this.current = current;
    }

    @GET
    @Path("/bookmarks.html")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Every bookmark as a Netscape bookmark file, the format browsers import (folders, order, "
            + "separators, keywords, tags, dates); only http(s)/ftp addresses as links")
    public Response bookmarksHtml() {
        UUID account = current.require().accountId();
        ExportOrder order = new ExportOrder(bookmarks.tree(account));
        var roots = order.roots();
        var lost = order.lostAndFound();
        StreamingOutput body = stream -> {
            var writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            new NetscapeBookmarkFile(writer).write(roots, lost);
            writer.flush();
        };
        return download(body, "text/html; charset=utf-8", "bookmarks.html");
    }

    @GET
    @Path("/bookmarks.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every bookmark as a JSON tree, with the items no root reaches under lostAndFound")
    public Response bookmarksJson() {
        UUID account = current.require().accountId();
        ExportOrder order = new ExportOrder(bookmarks.tree(account));
        var roots = order.roots().stream().map(ExportedBookmark::of).toList();
        var lost = order.lostAndFound().stream().map(ExportedBookmark::of).toList();
        return download(new BookmarksExport(Instant.now(), roots, lost), "application/json", "bookmarks.json");
    }

    @GET
    @Path("/tabs.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A device's tabs as JSON: open now, or at `at` (ISO-8601) from its timeline")
    public Response tabsJson(@QueryParam("device") String device, @QueryParam("at") String at) {
        TabSnapshot snapshot = snapshot(device, at);
        return download(snapshot, "application/json", "tabs.json");
    }

    @GET
    @Path("/tabs.txt")
    @Produces("text/uri-list")
    @Operation(summary = "A device's tabs as a plain list of links (text/uri-list): open now, or at `at` (ISO-8601)")
    public Response tabsText(@QueryParam("device") String device, @QueryParam("at") String at) {
        TabSnapshot s = snapshot(device, at);
        String heading = "Tabs of " + (s.deviceName() == null ? "an unnamed device" : s.deviceName())
                + (s.takenAt() == null ? "" : " from " + s.takenAt());
        return download(UriList.of(heading, s.tabs()), "text/uri-list; charset=utf-8", "tabs.txt");
    }

    private TabSnapshot snapshot(String device, String at) {
        UUID account = current.require().accountId();
        String clientId = DeviceId.check(device);
        Optional<Instant> moment = TimeParameter.parse(at);
        if (moment.isPresent()) {
            return timeline.at(account, clientId, moment.get())
                    .orElseThrow(() -> Problem.notFound("A snapshot of this device's tabs"));
        }
        DeviceTabs d = tabs.byDevice(account).stream().filter(t -> t.clientId().equals(clientId)).findFirst()
                .orElseThrow(() -> Problem.notFound("This device"));
        return new TabSnapshot(d.clientId(), d.name(), d.tabsChangedAt() == null ? d.updatedAt() : d.tabsChangedAt(), null,
                d.tabs());
    }

    private static Response download(Object body, String type, String filename) {
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"fxhome-" + filename + "\"")
                .header("Cache-Control", "private, no-store").header("X-Content-Type-Options", "nosniff").build();
    }
}
