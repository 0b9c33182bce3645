package io.fxhome.web.basic;

import static io.fxhome.web.basic.BasicPages.page;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.fxhome.web.i18n.ProblemText;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.sendtab.FxhomeDeviceName;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SignedIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The HTML4 page {@code /basic/device-name}: the name fxhome's device carries in the account's "Send to device"
 * menus, and a form (with the session's CSRF token) to change it.
 */
@Path("/basic/device-name")
@Produces(MediaType.TEXT_HTML)
public class BasicDeviceNameResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance deviceName(FxhomeDeviceName.Current device, String csrf, String renamedTo,
                boolean reset, String error);
    }

    private final CurrentUser current;
    private final FxhomeDeviceName naming;

    public BasicDeviceNameResource(CurrentUser current, FxhomeDeviceName naming) {
        this.current = current;
        this.naming = naming;
    }

    @GET
    @Operation(hidden = true)
    public Response form() {
        SignedIn user = current.require();
        return show(user, null, false, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response rename(@RestForm String csrf, @RestForm String name) {
        SignedIn user = current.requireForChange(csrf);
        try {
            FxhomeDeviceName.Current renamed = naming.rename(user.accountId(), name);
            return show(user, renamed.chosen() ? renamed.name() : null, !renamed.chosen(), null);
        } catch (Problem p) {
            return Response.fromResponse(show(user, null, false, ProblemText.detail(p))).status(p.status()).build();
        }
    }

    private Response show(SignedIn user, String renamedTo, boolean reset, String error) {
        return page(Templates.deviceName(naming.current(user.accountId()).orElse(null), user.csrfToken(), renamedTo,
                reset, error));
    }

    @ServerExceptionMapper
    public Response problem(Problem p) {
        return BasicPages.problem(p);
    }
}
