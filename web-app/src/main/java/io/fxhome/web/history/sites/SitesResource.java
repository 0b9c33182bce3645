package io.fxhome.web.history.sites;

import java.util.Locale;

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
import io.fxhome.web.history.HistoryCursor;
import io.fxhome.web.http.ConditionalJson;
import io.fxhome.web.http.PageLimit;
import io.fxhome.web.session.CurrentUser;

@Path("/api/v1/history/sites")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
public class SitesResource {
    private final SitesRepository sites;
    private final CurrentUser current;
    private final ConditionalJson json;
    private final WebConfig.Api config;

    public SitesResource(SitesRepository sites, CurrentUser current, ConditionalJson json, WebConfig config) {
        this.sites = sites;
        this.current = current;
        this.json = json;
        this.config = config.api();
    }

    @GET
    @Operation(summary = "Sites (hosts, lower case, without www.) with their visit and page counts, most recently visited first; paged by cursor")
    public Response sites(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var account = current.require().accountId();
        return json.ok(sites.sites(account, SiteCursor.decode(cursor), PageLimit.of(limit, config)), ifNoneMatch);
    }

    @GET
    @Path("/{host}")
    @Operation(summary = "A site's pages, newest first (by last visit), as GET /api/v1/history lists them; paged by cursor")
    public Response pages(@PathParam("host") String host, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var account = current.require().accountId();
        return json.ok(sites.pages(account, host.strip().toLowerCase(Locale.ROOT), HistoryCursor.decode(cursor),
                PageLimit.of(limit, config)), ifNoneMatch);
    }
}
