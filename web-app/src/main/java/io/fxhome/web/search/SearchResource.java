package io.fxhome.web.search;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.config.WebConfig;
import io.fxhome.web.http.ConditionalJson;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;

@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
public class SearchResource {
    /** {@code GET /api/v1/search?q=}. */
    public record SearchAnswer(String query, List<SearchResult> results) {
    }

    /** {@code POST /api/v1/search/picks}: the user opened {@code url} from the results of {@code query}. */
    public record Pick(String query, String url) {
    }

    private final SearchService search;
    private final InputHistory inputHistory;
    private final CurrentUser current;
    private final ConditionalJson json;
    private final int limit;

    public SearchResource(SearchService search, InputHistory inputHistory, CurrentUser current, ConditionalJson json,
            WebConfig config) {
        this.search = search;
        this.inputHistory = inputHistory;
        this.current = current;
        this.json = json;
        this.limit = config.api().searchLimit();
    }

    @GET
    @Operation(summary = "Search tabs, bookmarks and history like Firefox's address bar: every word in the title or URL, ranked by frecency;"
            + " restriction characters ^ * + % # $, bookmark keywords, autofill and adaptive history (docs/search.md)")
    public Response search(@QueryParam("q") String q, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var account = current.require().accountId();
        String query = q == null ? "" : q;
        return json.ok(new SearchAnswer(query, search.search(account, query, limit)), ifNoneMatch);
    }

    @POST
    @Path("/picks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Tell the search which result was opened for a query: it ranks first for that query next time (adaptive history)")
    public Response picked(Pick pick, @HeaderParam(CurrentUser.CSRF_HEADER) String csrf) {
        var user = current.requireForChange(csrf);
        if (pick == null || pick.query() == null || pick.url() == null) {
            throw Problem.badRequest("A pick needs the query and the URL opened.");
        }
        if (pick.url().indexOf('\0') >= 0) {
            throw Problem.badRequest("The URL of a pick holds a NUL character.");
        }
        inputHistory.picked(user.accountId(), pick.query(), pick.url());
        return Response.noContent().build();
    }
}
