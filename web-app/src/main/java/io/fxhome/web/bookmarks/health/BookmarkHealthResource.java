package io.fxhome.web.bookmarks.health;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.config.WebConfig;
import io.fxhome.web.http.ConditionalJson;
import io.fxhome.web.http.PageLimit;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;

/**
 * {@code /api/v1/bookmark-health}: the health report of the bookmark tree, and each of its lists in pages ("Lost and
 * found" among them).
 */
@Path("/api/v1/bookmark-health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
public class BookmarkHealthResource {
    private final BookmarkHealth health;
    private final CurrentUser current;
    private final ConditionalJson json;
    private final WebConfig config;

    public BookmarkHealthResource(BookmarkHealth health, CurrentUser current, ConditionalJson json, WebConfig config) {
        this.health = health;
        this.current = current;
        this.json = json;
        this.config = config;
    }

    @GET
    @Operation(summary = "The bookmark health report: how many entries each list has (ETag / 304)")
    public Response summary(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return json.ok(health.summary(current.require().accountId()), ifNoneMatch);
    }

    @GET
    @Path("/{list}")
    @Operation(summary = "One list of the report (lost-and-found, orphans, multiple-parents, missing-children, "
            + "duplicate-urls, empty-folders) in pages: pass `next` as `cursor` (ETag / 304)")
    public Response list(@PathParam("list") String list, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var account = current.require().accountId();
        HealthList which = HealthList.byPath(list).orElseThrow(() -> Problem.notFound("This list"));
        return json.ok(health.page(account, which, HealthCursor.decode(cursor),
                PageLimit.of(limit, config.api())), ifNoneMatch);
    }
}
