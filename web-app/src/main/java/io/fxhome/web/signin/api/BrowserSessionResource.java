package io.fxhome.web.signin.api;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.sync.fxa.OAuthRedirect;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SessionCookies;
import io.fxhome.web.signin.BrowserSignIns;
import io.fxhome.web.signin.SignInCookies;
import io.vertx.core.http.Cookie;

/** Sign-in on Mozilla's page, for the JSON API: start it, then complete it with the address the person pasted. */
@Path("/api/v1/session/browser")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "session")
public class BrowserSessionResource {
    private final BrowserSignIns browser;
    private final SessionResource sessions;
    private final CurrentUser current;
    private final SessionCookies cookies;

    public BrowserSessionResource(BrowserSignIns browser, SessionResource sessions, CurrentUser current,
            SessionCookies cookies) {
        this.browser = browser;
        this.sessions = sessions;
        this.current = current;
        this.cookies = cookies;
    }

    @POST
    @Operation(summary = "Start a sign-in on Mozilla's page: the address to open; the sign-in is bound to this browser")
    public Response begin() {
        BrowserSignIns.Started started = browser.begin();
        return Response.status(201).entity(new BrowserSignInStart(started.authorizationUrl().toString(), started.expiresAt(),
                started.returnsByItself())).header("Cache-Control", "no-store")
                .cookie(cookies.handle(SignInCookies.BROWSER, started.handle(), maxAge(started.expiresAt()),
                        current.https()))
                .build();
    }

    @POST
    @Path("/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete the sign-in on Mozilla's page with the pasted address ({\"url\"}) or {\"code\", \"state\"}: "
            + "the same answer as POST /api/v1/session")
    public Response complete(BrowserSignInRequest request) {
        if (request == null) {
            throw Problem.badRequest("Send {\"url\": \"<the address of the page Mozilla showed>\"}.");
        }
        OAuthRedirect redirect;
        if (request.url() != null && !request.url().isBlank()) {
            redirect = BrowserSignIns.parse(request.url());
        } else {
            redirect = new OAuthRedirect(request.code(), request.state(), null);
        }
        if (redirect.isError()) {
            throw new Problem(400, "oauth-cancelled", "Sign-in not completed",
                    "Mozilla's page did not sign you in. Start again.");
        }
        Cookie handle = current.request().getCookie(SignInCookies.BROWSER);
        return sessions.signedIn(browser.complete(handle == null ? null : handle.getValue(), redirect.code(), redirect.state()),
                SignInCookies.BROWSER);
    }

    static int maxAge(Instant expiresAt) {
        return (int) Math.max(0, Duration.between(Instant.now(), expiresAt).toSeconds());
    }
}
