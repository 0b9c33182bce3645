package io.fxhome.web.basic;

import static io.fxhome.web.basic.BasicPages.page;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.fxhome.web.i18n.Catalog;
import io.fxhome.web.i18n.ProblemText;
import io.fxhome.web.i18n.RequestLanguage;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.sendtab.SendableDevice;
import io.fxhome.web.sendtab.SendableUrl;
import io.fxhome.web.sendtab.TabSender;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SignedIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The HTML4 page {@code /basic/send?url=&title=}: the account's devices that take tabs as radio buttons, and a form
 * (with the session's CSRF token) that sends the page to the chosen one. The answer is the same page with what
 * happened: sent, or Mozilla's or fxhome's refusal in a sentence.
 */
@Path("/basic/send")
@Produces(MediaType.TEXT_HTML)
public class BasicSendResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance send(String url, String pageTitle, boolean sendable, List<SendableDevice> devices,
                String csrf, String sentTo, boolean titleShortened, String error);
    }

    private final CurrentUser current;
    private final TabSender sender;

    public BasicSendResource(CurrentUser current, TabSender sender) {
        this.current = current;
        this.sender = sender;
    }

    @GET
    @Operation(hidden = true)
    public Response form(@QueryParam("url") String url, @QueryParam("title") String title) {
        SignedIn user = current.requireSession();
        return show(user, url, title, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response send(@RestForm String csrf, @RestForm String deviceId, @RestForm String url,
            @RestForm String title) {
        SignedIn user = current.requireForChange(csrf);
        try {
            TabSender.Sent sent = sender.send(user.accountId(), deviceId, url, title);
            String sentTo = sent.device().name().isBlank() ? Catalog.coded(RequestLanguage.current().locale(), "",
                    "send_your_device") : sent.device().name();
            return page(Templates.send(url, title, false, List.of(), user.csrfToken(), sentTo, sent.titleShortened(),
                    null));
        } catch (Problem p) {
            // The page again with the sentence; the status (and Retry-After) tell scripts and proxies what happened.
            Response.ResponseBuilder b = Response.fromResponse(show(user, url, title, ProblemText.detail(p)))
                    .status(p.status());
            if (p.retryAfter() != null) {
                b.header("Retry-After", Long.toString(Math.max(1, p.retryAfter().toSeconds())));
            }
            return b.build();
        }
    }

    private Response show(SignedIn user, String url, String title, String error) {
        String shownUrl = url == null ? "" : url;
        String why = error;
        boolean sendable = true;
        try {
            SendableUrl.require(shownUrl);
        } catch (Problem p) {
            sendable = false;
            why = why == null ? ProblemText.detail(p) : why;
        }
        List<SendableDevice> devices = List.of();
        if (sendable) {
            try {
                devices = sender.targets(user.accountId());
            } catch (Problem p) {
                sendable = false;
                why = why == null ? ProblemText.detail(p) : why + " " + ProblemText.detail(p);
            }
        }
        return page(Templates.send(shownUrl.isEmpty() ? null : shownUrl, title == null || title.isBlank() ? null
                : title, sendable, devices, user.csrfToken(), null, false, why));
    }

    @ServerExceptionMapper
    public Response problem(Problem p) {
        return BasicPages.problem(p);
    }
}
