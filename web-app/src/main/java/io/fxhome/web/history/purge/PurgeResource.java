package io.fxhome.web.history.purge;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.session.CurrentUser;

@Path("/api/v1/history/purge")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
public class PurgeResource {
    private final HistoryPurge purge;
    private final CurrentUser current;

    public PurgeResource(HistoryPurge purge, CurrentUser current) {
        this.purge = purge;
        this.current = current;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete fxhome's copy (only) of the visits of a time range {\"from\", \"to\"} or of every page of a site {\"host\"};"
            + " Firefox and the Sync servers keep theirs. Answers what was deleted")
    public PurgeResult purge(PurgeRequest request, @HeaderParam(CurrentUser.CSRF_HEADER) String csrf) {
        var account = current.requireForChange(csrf).accountId();
        return purge.purge(account, request);
    }
}
