package io.fxhome.web.html5;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SessionCookies;
import io.vertx.core.http.Cookie;

/**
 * The HTML5 app's shell at {@code /}, and the switch between the two versions. Old or weak browsers are sent to the
 * HTML4 pages unless their user chose the HTML5 app ({@value #UI_COOKIE} remembers the choice either way).
 */
@Path("/")
public class ShellResource {
    static final String UI_COOKIE = "fxhome_ui";
    private static final int ONE_YEAR = 365 * 24 * 3600;

    private final byte[] shell;
    private final LegacyBrowsers legacy;
    private final CurrentUser current;
    private final SessionCookies cookies;

    public ShellResource(LegacyBrowsers legacy, CurrentUser current, SessionCookies cookies) {
        this.legacy = legacy;
        this.current = current;
        this.cookies = cookies;
        try (InputStream in = ShellResource.class.getResourceAsStream("/web/app.html")) {
            this.shell = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        return Response.ok(shell, "text/html; charset=utf-8").header("Cache-Control", "no-cache")
                .header("Vary", "User-Agent, Cookie").build();
    }

    /** The "Full version" link of the HTML4 pages: remember the choice, go to the app. */
    @GET
    @Path("full")
    @Operation(hidden = true)
    public Response useFull() {
        return Response.seeOther(URI.create("/")).cookie(cookies.handle(UI_COOKIE, "html5", ONE_YEAR, current.https())).build();
    }
}
