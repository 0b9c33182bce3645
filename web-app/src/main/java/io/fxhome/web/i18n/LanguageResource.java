package io.fxhome.web.i18n;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SessionCookies;

/**
 * The language switch of both versions: {@code GET /lang/de?back=/basic/tabs} remembers the choice in the
 * {@value Languages#COOKIE} cookie and goes back to the page. A plain link, so that it works on the HTML4 pages
 * without a form; it changes nothing but the language, so it needs no CSRF token. {@code back} must be a path of
 * this site: anything else (another host, {@code //host}, a scheme) goes to the start page, never elsewhere.
 */
@Path("/lang")
public class LanguageResource {
    private static final int ONE_YEAR = 365 * 24 * 3600;

    private final SessionCookies cookies;
    private final CurrentUser current;

    public LanguageResource(SessionCookies cookies, CurrentUser current) {
        this.cookies = cookies;
        this.current = current;
    }

    @GET
    @Path("{tag}")
    @Operation(hidden = true)
    public Response choose(@PathParam("tag") String tag, @QueryParam("back") String back) {
        if (Languages.supported(tag) == null) {
            throw Problem.notFound("This language");
        }
        return Response.seeOther(URI.create(safeBack(back)))
                .cookie(cookies.handle(Languages.COOKIE, tag, ONE_YEAR, current.https())).build();
    }

    /** A path on this site, or {@code /}: never an open redirect. */
    static String safeBack(String back) {
        if (back == null || back.isEmpty() || back.length() > 2_000 || back.charAt(0) != '/' || back.startsWith("//")) {
            return "/";
        }
        for (int i = 0; i < back.length(); i++) {
            char ch = back.charAt(i);
            // Backslashes read as slashes in some browsers ("/\host"); controls and spaces have no place in a path.
            if (ch == '\\' || ch <= ' ' || ch == 0x7f) {
                return "/";
            }
        }
        try {
            URI uri = URI.create(back);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? back : "/";
        } catch (IllegalArgumentException malformed) {
            return "/";
        }
    }
}
