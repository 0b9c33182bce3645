package io.fxhome.web.html5;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.fxhome.web.i18n.AppMessages;
import io.fxhome.web.i18n.RequestLanguage;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SessionCookies;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.Cookie;

/**
 * The HTML5 app's shell at {@code /}, and the switch between the two versions. Old or weak browsers are sent to the
 * HTML4 pages unless their user chose the HTML5 app ({@value #UI_COOKIE} remembers the choice either way). The shell
 * is rendered in the request's language, with that language's messages for the app inside it ({@link AppMessages}).
 */
@Path("/")
public class ShellResource {
    static final String UI_COOKIE = "fxhome_ui";
    private static final int ONE_YEAR = 365 * 24 * 3600;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance shell(String messages);
    }

    private final LegacyBrowsers legacy;
    private final CurrentUser current;
    private final SessionCookies cookies;
    private final AppMessages messages;
    private final RequestLanguage language;

    public ShellResource(LegacyBrowsers legacy, CurrentUser current, SessionCookies cookies, AppMessages messages,
            RequestLanguage language) {
        this.legacy = legacy;
        this.current = current;
        this.cookies = cookies;
        this.messages = messages;
        this.language = language;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response shell() {
        Cookie choice = current.request().getCookie(UI_COOKIE);
        String chosen = choice == null ? "" : choice.getValue();
        if ("basic".equals(chosen) || (chosen.isEmpty() && legacy.isLegacy(current.userAgent()))) {
            return Response.seeOther(URI.create("/basic/" + (chosen.isEmpty() ? "?offered=1" : "")))
                    .header("Vary", "User-Agent, Cookie").build();
        }
        String shell = Templates.shell(messages.json(language.locale())).render();
        return Response.ok(shell, "text/html; charset=utf-8").header("Cache-Control", "no-cache")
                .header("Content-Language", language.tag()).header("Vary", "User-Agent, Cookie, Accept-Language").build();
    }

    /** The "Full version" link of the HTML4 pages: remember the choice, go to the app. */
    @GET
    @Path("full")
    @Operation(hidden = true)
    public Response useFull() {
        return Response.seeOther(URI.create("/")).cookie(cookies.handle(UI_COOKIE, "html5", ONE_YEAR, current.https())).build();
    }
}
