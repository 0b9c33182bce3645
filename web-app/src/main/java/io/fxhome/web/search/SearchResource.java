package io.fxhome.web.search;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.config.WebConfig;
import io.fxhome.web.http.ConditionalJson;
import io.fxhome.web.session.CurrentUser;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
public class SearchResource {
    /** {@code GET /api/v1/search?q=}. */
    public record SearchAnswer(String query, List<SearchResult> results) {
    }

    private final SearchService search;
    private final CurrentUser current;
    private final ConditionalJson json;
    private final int limit;

    public SearchResource(SearchService search, CurrentUser current, ConditionalJson json, WebConfig config) {
        this.search = search;
        this.current = current;
        this.json = json;
        this.limit = config.api().searchLimit();
    }

    @GET
    @Operation(summary = "Search tabs, bookmarks and history like the address bar: every word in the title or URL")
    public Response search(@QueryParam("q") String q, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var account = current.require().accountId();
        String query = q == null ? "" : q;
        return json.ok(new SearchAnswer(query, search.search(account, query, limit)), ifNoneMatch);
    }
}
