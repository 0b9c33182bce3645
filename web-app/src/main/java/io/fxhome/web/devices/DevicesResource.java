package io.fxhome.web.devices;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.http.ConditionalJson;
import io.fxhome.web.session.CurrentUser;

@Path("/api/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
public class DevicesResource {
    /** {@code GET /api/v1/devices}. */
    public record DevicesAnswer(List<DeviceView> devices) {
    }

    private final DevicesRepository devices;
    private final CurrentUser current;
    private final ConditionalJson json;

    public DevicesResource(DevicesRepository devices, CurrentUser current, ConditionalJson json) {
        this.devices = devices;
        this.current = current;
        this.json = json;
    }

    @GET
    @Operation(summary = "The user's devices (ETag / 304)")
    public Response devices(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return json.ok(new DevicesAnswer(devices.list(current.require().accountId())), ifNoneMatch);
    }
}
