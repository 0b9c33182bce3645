package io.fxhome.web.history.visits;

import java.util.Locale;

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
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;

/** Visits, not pages: a time range (a day, for the day view), one site's visits, and a search in a range. */
@Path("/api/v1/history/visits")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
public class VisitsResource {
    private final VisitsRepository visits;
    private final CurrentUser current;
    private final ConditionalJson json;
    private final WebConfig.Api config;

    public VisitsResource(VisitsRepository visits, CurrentUser current, ConditionalJson json, WebConfig config) {
        this.visits = visits;
        this.current = current;
        this.json = json;
        this.config = config.api();
    }

    @GET
    @Operation(summary = "Every visit in a time range (from included, to excluded; ISO-8601 with offset, or a date), newest first"
            + " (order=oldest: oldest first, for a day view), optionally of one site (host); paged: pass `next` as `cursor`")
    public Response visits(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("host") String host,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit, @QueryParam("order") String order,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var account = current.require().accountId();
        VisitQuery query = new VisitQuery(account, VisitRange.parse(from, to)).oldestFirst(oldestFirst(order))
                .after(VisitCursor.decode(cursor));
        if (host != null && !host.isBlank()) {
            query.host(host.strip().toLowerCase(Locale.ROOT));
        }
        return json.ok(visits.page(account, query, PageLimit.of(limit, config)), ifNoneMatch);
    }

    @GET
    @Path("/search")
    @Operation(summary = "Visits in a time range to pages whose title or URL holds every word of q (case and accents ignored),"
            + " newest first; paged by cursor")
    public Response search(@QueryParam("q") String q, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var account = current.require().accountId();
        VisitQuery query = new VisitQuery(account, VisitRange.parse(from, to)).words(SearchWords.of(q))
                .after(VisitCursor.decode(cursor));
        return json.ok(visits.page(account, query, PageLimit.of(limit, config)), ifNoneMatch);
    }

    /** {@code newest} (the default) or {@code oldest}. */
    public static boolean oldestFirst(String order) {
        if (order == null || order.isBlank() || order.equals("newest")) {
            return false;
        }
        if (order.equals("oldest")) {
            return true;
        }
        throw Problem.badRequest("The order is 'newest' or 'oldest'.");
    }
}
