package io.fxhome.web.tabs;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.http.ConditionalJson;
import io.fxhome.web.session.CurrentUser;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/tabs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
public class TabsResource {
    /** {@code GET /api/v1/tabs}. */
    public record TabsAnswer(List<DeviceTabs> devices) {
    }

    private final TabsRepository tabs;
    private final CurrentUser current;
    private final ConditionalJson json;

    public TabsResource(TabsRepository tabs, CurrentUser current, ConditionalJson json) {
        this.tabs = tabs;
        this.current = current;
        this.json = json;
    }

    @GET
    @Operation(summary = "Open tabs of the user's devices, grouped by device, most recent device first (ETag / 304)")
    public Response tabs(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return json.ok(new TabsAnswer(tabs.byDevice(current.require().accountId())), ifNoneMatch);
    }
}
