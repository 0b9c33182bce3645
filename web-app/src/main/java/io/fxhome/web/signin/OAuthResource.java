package io.fxhome.web.signin;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SessionCookies;
import io.fxhome.web.session.SessionStarter;
import io.vertx.core.http.Cookie;

/**
 * fxhome's own callback for the sign-in on Mozilla's page, used when {@code fxhome.fxa.browser-redirect-uri} points
 * here (a registered client, or a self-hosted accounts server): Mozilla sends the browser back with the code, and this
 * signs it in. It answers redirects, to the HTML5 app or, for a sign-in started from the HTML4 pages, to
 * {@code /basic/}.
 */
@Path("/signin/oauth")
@Tag(name = "session")
public class OAuthResource {
    /** Remembers which view started the sign-in ("b" for the HTML4 pages), beside the sign-in's handle cookie. */
    static final String VIEW_COOKIE = "fxhome_browser_view";

    private final BrowserSignIns browser;
    private final CurrentUser current;
    private final SessionCookies cookies;
    private final SessionStarter starter;

    public OAuthResource(BrowserSignIns browser, CurrentUser current, SessionCookies cookies, SessionStarter starter) {
        this.browser = browser;
        this.current = current;
        this.cookies = cookies;
        this.starter = starter;
    }

    @GET
    @Operation(summary = "Start a sign-in on Mozilla's page and send the browser there (for a redirect URI back to fxhome)")
    public Response begin(@QueryParam("basic") boolean basic) {
        BrowserSignIns.Started started = browser.begin();
        int maxAge = (int) Duration.between(Instant.now(), started.expiresAt()).toSeconds();
        return Response.seeOther(started.authorizationUrl()).header("Cache-Control", "no-store")
                .cookie(cookies.handle(SignInCookies.BROWSER, started.handle(), maxAge, current.https()),
                        cookies.handle(VIEW_COOKIE, basic ? "b" : "h", maxAge, current.https()))
                .build();
    }

    @GET
    @Path("/callback")
    @Operation(summary = "Where Mozilla sends the browser back (code and state)")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("error") String error) {
        Cookie view = current.request().getCookie(VIEW_COOKIE);
        boolean basic = view != null && "b".equals(view.getValue());
        Cookie handle = current.request().getCookie(SignInCookies.BROWSER);
        Response.ResponseBuilder answer;
        try {
            if (error != null) {
                throw new Problem(400, "oauth-cancelled", "Sign-in cancelled", "Mozilla did not sign you in.");
            }
            AccountLinker.Linked linked = browser.complete(handle == null ? null : handle.getValue(), code, state);
            SessionStarter.Started started = starter.start(linked.accountId());
            answer = Response.seeOther(URI.create(basic ? "/basic/sync?first=1" : "/#/first-sync")).cookie(started.cookie());
        } catch (Problem p) {
            answer = Response.seeOther(URI.create((basic ? "/basic/?error=" : "/#/signin?error=") + p.code()));
        }
        return answer.header("Cache-Control", "no-store")
                .cookie(cookies.handle(SignInCookies.BROWSER, "", 0, current.https()),
                        cookies.handle(VIEW_COOKIE, "", 0, current.https()))
                .build();
    }
}
