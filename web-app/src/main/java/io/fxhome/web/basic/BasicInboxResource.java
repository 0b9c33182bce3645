package io.fxhome.web.basic;

import static io.fxhome.web.basic.BasicPages.page;

import java.net.URI;

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

import io.fxhome.web.config.WebConfig;
import io.fxhome.web.i18n.RequestLanguage;
import io.fxhome.web.inbox.InboxCursor;
import io.fxhome.web.inbox.InboxPage;
import io.fxhome.web.inbox.InboxRepository;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SignedIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The HTML4 page {@code /basic/inbox}: the tabs other Firefoxes sent to fxhome, newest first in pages, each with forms
 * to mark it read and to delete it (with the session's CSRF token; they redirect after POST). A URL that is not a web
 * address is shown as text, never as a link.
 */
@Path("/basic/inbox")
@Produces(MediaType.TEXT_HTML)
public class BasicInboxResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance inbox(InboxPage page, String csrf, String notice);
    }

    private final CurrentUser current;
    private final InboxRepository inbox;
    private final WebConfig.Api config;
    private final RequestLanguage language;

    public BasicInboxResource(CurrentUser current, InboxRepository inbox, WebConfig config, RequestLanguage language) {
        this.current = current;
        this.inbox = inbox;
        this.config = config.api();
        this.language = language;
    }

    @GET
    @Operation(hidden = true)
    public Response inbox(@QueryParam("cursor") String cursor, @QueryParam("notice") String notice) {
        SignedIn user = current.requireSession();
        String text = switch (notice == null ? "" : notice) {
            case "read" -> language.msg().inbox_marked_read();
            case "deleted" -> language.msg().inbox_deleted();
            case "gone" -> language.msg().inbox_gone();
            default -> null;
        };
        InboxPage page = inbox.page(user.accountId(), InboxCursor.decode(cursor), config.historyPageSize());
        return page(Templates.inbox(page, user.csrfToken(), text));
    }

    @POST
    @Path("/read")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response markRead(@RestForm String csrf, @RestForm String id) {
        SignedIn user = current.requireForChange(csrf);
        Long entry = entryId(id);
        boolean done = entry != null && inbox.markRead(user.accountId(), entry);
        return back(done ? "read" : "gone");
    }

    @POST
    @Path("/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response delete(@RestForm String csrf, @RestForm String id) {
        SignedIn user = current.requireForChange(csrf);
        Long entry = entryId(id);
        boolean done = entry != null && inbox.delete(user.accountId(), entry);
        return back(done ? "deleted" : "gone");
    }

    @ServerExceptionMapper
    public Response problem(Problem p) {
        return BasicPages.problem(p);
    }

    private static Response back(String notice) {
        return Response.seeOther(URI.create("/basic/inbox?notice=" + notice)).build();
    }

    /** A form's entry id; null for anything but a positive whole number. */
    private static Long entryId(String text) {
        try {
            long id = Long.parseLong(text == null ? "" : text.strip());
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
