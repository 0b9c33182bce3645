package io.fxhome.web.history.story;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.config.WebConfig;
import io.fxhome.web.history.visits.VisitCursor;
import io.fxhome.web.http.ConditionalJson;
import io.fxhome.web.http.PageLimit;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;

@Path("/api/v1/history/story")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
public class PageStoryResource {
    private final PageStoryRepository stories;
    private final CurrentUser current;
    private final ConditionalJson json;
    private final WebConfig.Api config;

    public PageStoryResource(PageStoryRepository stories, CurrentUser current, ConditionalJson json, WebConfig config) {
        this.stories = stories;
        this.current = current;
        this.json = json;
        this.config = config.api();
    }

    @GET
    @Operation(summary = "One page's story: the devices that have the URL open now, the folders that hold it (with their path), its keyword"
            + " and tags, its visits per month and each visit newest first (paged: pass visits.next as cursor), and its frecency")
    public Response story(@QueryParam("url") String url, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var account = current.require().accountId();
        if (url == null || url.isEmpty()) {
            throw Problem.badRequest("Name the page's address as url.");
        }
        var cursorAt = VisitCursor.decode(cursor);
        return json.ok(stories.story(account, url, cursorAt, PageLimit.of(limit, config))
                .orElseThrow(() -> Problem.notFound("This address")), ifNoneMatch);
    }
}
