package io.fxhome.web.inbox;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.job.SyncJobPublishException;
import io.fxhome.web.config.WebConfig;
import io.fxhome.web.http.ConditionalJson;
import io.fxhome.web.http.PageLimit;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;

/**
 * The inbox of tabs other Firefoxes sent to fxhome: {@code GET /api/v1/inbox} (newest first, in pages),
 * {@code POST /api/v1/inbox/{id}/read} and {@code DELETE /api/v1/inbox/{id}} (both need X-CSRF-Token), and
 * {@code POST /api/v1/inbox/refresh}, the app's short poll while it is open (X-CSRF-Token; see {@link InboxRefresh}).
 */
@Path("/api/v1/inbox")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inbox")
public class InboxResource {
    private final InboxRepository inbox;
    private final CurrentUser current;
    private final ConditionalJson json;
    private final WebConfig.Api config;
    private final InboxRefresh refresh;

    /** {@code POST /api/v1/inbox/refresh}: {@code enqueued} or {@code nothing-to-poll}, and the interval to ask again. */
    public record RefreshRequested(String result, long intervalSeconds) {
    }

    public InboxResource(InboxRepository inbox, CurrentUser current, ConditionalJson json, WebConfig config,
            InboxRefresh refresh) {
        this.inbox = inbox;
        this.current = current;
        this.json = json;
        this.config = config.api();
        this.refresh = refresh;
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Fetch the tabs sent to fxhome now (needs X-CSRF-Token): 202, or 429 with Retry-After within fxhome.web.inbox.refresh-interval of the last time")
    public Response refresh(@HeaderParam(CurrentUser.CSRF_HEADER) String csrf) {
        var account = current.requireForChange(csrf).accountId();
        InboxRefresh.Outcome outcome;
        try {
            outcome = refresh.request(account);
        } catch (SyncJobPublishException e) {
            throw new Problem(503, "queue-unavailable", "Inbox not refreshed",
                    "The sync queue is not reachable right now; try again in a minute.", Duration.ofSeconds(30), null);
        }
        long seconds = outcome.interval().toSeconds();
        return switch (outcome.result()) {
            case ENQUEUED -> Response.accepted(new RefreshRequested("enqueued", seconds))
                    .header("Cache-Control", "no-store").build();
            case NOTHING_TO_POLL -> Response.ok(new RefreshRequested("nothing-to-poll", seconds))
                    .header("Cache-Control", "no-store").build();
            case TOO_SOON -> {
                Duration wait = Duration.between(Instant.now(), outcome.retryAt()).plusSeconds(1);
                throw new Problem(429, "inbox-refresh-rate-limited", "Just refreshed",
                        "The inbox was refreshed moments ago. You can ask again in " + Math.max(1, wait.toSeconds())
                                + " seconds.",
                        wait.isNegative() ? Duration.ofSeconds(1) : wait, null);
            }
        };
    }

    @GET
    @Operation(summary = "Tabs sent to fxhome from the account's other devices, newest first, in pages: pass the previous answer's `next` as `cursor` (ETag / 304)")
    public Response list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var account = current.require().accountId();
        return json.ok(inbox.page(account, InboxCursor.decode(cursor), PageLimit.of(limit, config)), ifNoneMatch);
    }

    @POST
    @Path("/{id}/read")
    @Operation(summary = "Mark a received tab read (needs X-CSRF-Token)")
    public Response markRead(@PathParam("id") String id, @HeaderParam(CurrentUser.CSRF_HEADER) String csrf) {
        var user = current.requireForChange(csrf);
        if (!inbox.markRead(user.accountId(), entryId(id))) {
            throw Problem.notFound("That received tab");
        }
        return Response.noContent().header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a received tab (needs X-CSRF-Token)")
    public Response delete(@PathParam("id") String id, @HeaderParam(CurrentUser.CSRF_HEADER) String csrf) {
        var user = current.requireForChange(csrf);
        if (!inbox.delete(user.accountId(), entryId(id))) {
            throw Problem.notFound("That received tab");
        }
        return Response.noContent().header("Cache-Control", "no-store").build();
    }

    /** An entry id from a path: anything but a positive whole number names no entry. */
    static long entryId(String text) {
        try {
            long id = Long.parseLong(text == null ? "" : text.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through: no such entry
        }
        throw Problem.notFound("That received tab");
    }
}
