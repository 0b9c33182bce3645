package io.fxhome.web.sendtab;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;

/**
 * Sending a page to one of the account's other devices (Firefox's "Send to device"):
 * {@code GET /api/v1/send-tab/devices} lists the devices that take tabs, {@code POST /api/v1/send-tab} sends (needs
 * X-CSRF-Token).
 */
@Path("/api/v1/send-tab")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "send-tab")
public class SendTabResource {
    /** {@code POST /api/v1/send-tab}'s body. */
    public record SendRequest(String deviceId, String url, String title) {
    }

    /** {@code GET /api/v1/send-tab/devices}. */
    public record Devices(List<SendableDevice> devices) {
    }

    /** {@code POST /api/v1/send-tab}: {@code status} is {@code sent}. */
    public record TabSent(String status, SendableDevice device, boolean titleShortened, String message) {
    }

    private final TabSender sender;
    private final CurrentUser current;

    public SendTabResource(TabSender sender, CurrentUser current) {
        this.sender = sender;
        this.current = current;
    }

    @GET
    @Path("/devices")
    @Operation(summary = "The account's devices that accept tabs (Mozilla's open-uri command), fxhome's own left out, most recently active first; asks Mozilla each time")
    public Response devices() {
        // A session, not a read-only API token: each call opens the refresh token and asks Mozilla.
        var account = current.requireSession().accountId();
        return Response.ok(new Devices(sender.targets(account))).header("Cache-Control", "no-store").build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a page to a device (needs X-CSRF-Token): `{\"deviceId\", \"url\", \"title\"}`; only http, https and ftp addresses; 429 `send-rate-limited` with Retry-After past fxhome.web.send-tab.per-window; Mozilla's refusals as `unknown-device` 404, `device-cannot-receive` 409, `throttled` 429, `needs-reauth` 409")
    public Response send(SendRequest request, @HeaderParam(CurrentUser.CSRF_HEADER) String csrf) {
        var account = current.requireForChange(csrf).accountId();
        if (request == null) {
            throw Problem.badRequest("Send {\"deviceId\", \"url\", \"title\"}.");
        }
        TabSender.Sent sent = sender.send(account, request.deviceId(), request.url(), request.title());
        return Response.ok(new TabSent("sent", sent.device(), sent.titleShortened(),
                "Sent to " + sent.device().name() + ".")).header("Cache-Control", "no-store").build();
    }
}
