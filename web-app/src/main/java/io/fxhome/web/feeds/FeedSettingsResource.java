package io.fxhome.web.feeds;

import java.time.Instant;
import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.session.CurrentUser;

/**
 * {@code /api/v1/feeds}: whether the account's feeds are on, turning them on (or giving them new URLs) and off. Needs
 * the browser's session, and its CSRF token for changes. The URLs are in the answer that makes them only.
 */
@Path("/api/v1/feeds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "feeds")
public class FeedSettingsResource {
    public record FeedStatus(boolean active, Instant createdAt) {
    }

    private final Feeds feeds;
    private final FeedAddresses addresses;
    private final CurrentUser current;

    public FeedSettingsResource(Feeds feeds, FeedAddresses addresses, CurrentUser current) {
        this.feeds = feeds;
        this.addresses = addresses;
        this.current = current;
    }

    @GET
    @Operation(summary = "Whether the account's Atom feeds are on, and since when")
    public Response status() {
        UUID account = current.requireSession().accountId();
        return Response.ok(new FeedStatus(feeds.activeSince(account).isPresent(), feeds.activeSince(account).orElse(null)))
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Operation(summary = "Turn the Atom feeds on, or give them new secret URLs (the old ones stop working); needs X-CSRF-Token")
    public Response renew(@HeaderParam(CurrentUser.CSRF_HEADER) String csrf, @Context UriInfo uri) {
        UUID account = current.requireForChange(csrf).accountId();
        return Response.status(201).entity(addresses.of(uri.getBaseUri(), feeds.renew(account), account))
                .header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Operation(summary = "Turn the Atom feeds off: their URLs stop working; needs X-CSRF-Token")
    public Response revoke(@HeaderParam(CurrentUser.CSRF_HEADER) String csrf) {
        feeds.revoke(current.requireForChange(csrf).accountId());
        return Response.noContent().header("Cache-Control", "no-store").build();
    }
}
