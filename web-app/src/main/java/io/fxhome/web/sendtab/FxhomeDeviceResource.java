package io.fxhome.web.sendtab;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;

/**
 * fxhome's own device in the account's device list: {@code GET /api/v1/send-tab/device} shows its name,
 * {@code PUT /api/v1/send-tab/device} {@code {"name"}} renames it (needs X-CSRF-Token; an empty name goes back to the
 * install's).
 */
@Path("/api/v1/send-tab/device")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "send-tab")
public class FxhomeDeviceResource {
    /** {@code PUT}'s body. */
    public record Rename(String name) {
    }

    private final FxhomeDeviceName naming;
    private final CurrentUser current;

    public FxhomeDeviceResource(FxhomeDeviceName naming, CurrentUser current) {
        this.naming = naming;
        this.current = current;
    }

    @GET
    @Operation(summary = "fxhome's device in the account's device list: `{\"deviceId\", \"name\", \"chosen\"}` (a signed-in session, not an API token); 404 `not-registered` before the first sync")
    public Response device() {
        var account = current.requireSession().accountId();
        return naming.current(account)
                .map(d -> Response.ok(d).header("Cache-Control", "no-store").build())
                .orElseThrow(() -> new Problem(404, "not-registered", "Not a device yet",
                        "fxhome becomes one of your devices during its first sync of your account."));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename fxhome's device (needs X-CSRF-Token): `{\"name\"}`, at most 255 display-safe characters as Mozilla requires; empty for the install's name (sent at the account's next sync; the answer's `name` is then null); 400 `invalid-device-name`, 409 `not-registered`, Mozilla's refusals as for sending")
    public Response rename(Rename request, @HeaderParam(CurrentUser.CSRF_HEADER) String csrf) {
        var account = current.requireForChange(csrf).accountId();
        if (request == null) {
            throw Problem.badRequest("Send {\"name\"}.");
        }
        return Response.ok(naming.rename(account, request.name())).header("Cache-Control", "no-store").build();
    }
}
