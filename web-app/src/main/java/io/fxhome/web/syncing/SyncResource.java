package io.fxhome.web.syncing;

import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.job.InteractiveSyncOutcome;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;

/** The account's syncing in the JSON API: its overview (state, progress, last run) and "sync now". */
@Path("/api/v1/sync")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sync")
public class SyncResource {
    /** {@code POST /api/v1/sync}: {@code enqueued} or {@code resumed-and-enqueued}. */
    public record SyncRequested(String result) {
    }

    private final SyncOverviewRepository overviews;
    private final SyncNow syncNow;
    private final CurrentUser current;

    public SyncResource(SyncOverviewRepository overviews, SyncNow syncNow, CurrentUser current) {
        this.overviews = overviews;
        this.syncNow = syncNow;
        this.current = current;
    }

    @GET
    @Operation(summary = "Sync state, live progress of a running sync, and the last run")
    public Response status() {
        var account = current.require().accountId();
        SyncOverview overview = overviews.overview(account).orElseThrow(Problem::notSignedIn);
        return Response.ok(overview).header("Cache-Control", "no-store").build();
    }

    @POST
    @Operation(summary = "Sync now (needs the X-CSRF-Token header); 429 with Retry-After when a sync was just asked for")
    public Response syncNow(@HeaderParam(CurrentUser.CSRF_HEADER) String csrf) {
        var account = current.requireForChange(csrf).accountId();
        InteractiveSyncOutcome outcome = syncNow.request(account);
        return Response.accepted(new SyncRequested(outcome.result().name().toLowerCase(Locale.ROOT).replace('_', '-')))
                .header("Cache-Control", "no-store").build();
    }
}
