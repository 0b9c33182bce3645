package io.fxhome.web.bookmarks;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.http.ConditionalJson;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;

@Path("/api/v1/bookmarks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
public class BookmarksResource {
    /** {@code GET /api/v1/bookmarks}. */
    public record RootsAnswer(List<BookmarkItem> roots) {
    }

    private final BookmarksRepository bookmarks;
    private final CurrentUser current;
    private final ConditionalJson json;

    public BookmarksResource(BookmarksRepository bookmarks, CurrentUser current, ConditionalJson json) {
        this.bookmarks = bookmarks;
        this.current = current;
        this.json = json;
    }

    @GET
    @Operation(summary = "The bookmark roots: toolbar, menu, other (unfiled), mobile (ETag / 304)")
    public Response roots(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return json.ok(new RootsAnswer(bookmarks.roots(current.require().accountId())), ifNoneMatch);
    }

    @GET
    @Path("/{guid}")
    @Operation(summary = "A folder with its breadcrumb and children in order (or a single bookmark) (ETag / 304)")
    public Response folder(@PathParam("guid") String guid, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var account = current.require().accountId();
        if (guid == null || guid.length() > 64) {
            throw Problem.notFound("This bookmark");
        }
        return json.ok(bookmarks.folder(account, guid).orElseThrow(() -> Problem.notFound("This bookmark")), ifNoneMatch);
    }
}
