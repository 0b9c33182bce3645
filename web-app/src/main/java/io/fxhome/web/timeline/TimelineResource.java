package io.fxhome.web.timeline;

import java.time.Instant;

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

/** A device's tab timeline: its changes newest first, and what it had open at a given moment. */
@Path("/api/v1/devices/{clientId}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
public class TimelineResource {
    private final TimelineRepository timeline;
    private final CurrentUser current;
    private final ConditionalJson json;
    private final WebConfig config;

    public TimelineResource(TimelineRepository timeline, CurrentUser current, ConditionalJson json, WebConfig config) {
        this.timeline = timeline;
        this.current = current;
        this.json = json;
        this.config = config;
    }

    @GET
    @Operation(summary = "When the device's tabs changed, newest first, in pages: pass `next` as `cursor` (ETag / 304)")
    public Response timeline(@PathParam("clientId") String clientId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var account = current.require().accountId();
        String device = DeviceId.check(clientId);
        return json.ok(timeline.page(account, device, TimelineCursor.decode(cursor),
                PageLimit.of(limit, config.api())), ifNoneMatch);
    }

    @GET
    @Path("/at")
    @Operation(summary = "The tabs the device had open at `time` (ISO-8601; default now), with when that began and ended")
    public Response at(@PathParam("clientId") String clientId, @QueryParam("time") String time,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var account = current.require().accountId();
        String device = DeviceId.check(clientId);
        Instant at = TimeParameter.parse(time).orElseGet(Instant::now);
        return json.ok(timeline.at(account, device, at).orElseThrow(() -> Problem.notFound("A snapshot of this device's tabs")),
                ifNoneMatch);
    }
}
