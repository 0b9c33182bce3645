package io.fxhome.web.history;

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
import io.fxhome.web.http.ConditionalJson;
import io.fxhome.web.http.PageLimit;
import io.fxhome.web.session.CurrentUser;

@Path("/api/v1/history")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
public class HistoryResource {
    private final HistoryRepository history;
    private final CurrentUser current;
    private final ConditionalJson json;
    private final WebConfig.Api config;

    public HistoryResource(HistoryRepository history, CurrentUser current, ConditionalJson json, WebConfig config) {
        this.history = history;
        this.current = current;
        this.json = json;
        this.config = config.api();
    }

    @GET
    @Operation(summary = "Visited pages, newest first, in pages: pass the previous answer's `next` as `cursor` (ETag / 304)")
    public Response history(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var account = current.require().accountId();
        return json.ok(history.page(account, HistoryCursor.decode(cursor), PageLimit.of(limit, config)), ifNoneMatch);
    }
}
