package io.fxhome.web.signin;

import java.net.URI;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.upstream.UpstreamConfig;
import io.fxhome.web.config.WebConfig;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SessionCookies;
import io.fxhome.web.session.SessionStarter;
import io.vertx.core.http.Cookie;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The browser side of single sign-on: {@code /signin/oauth} sends the browser to Firefox Accounts, the callback signs
 * it in here. Both answer redirects, to the HTML5 app or, for a flow started from the HTML4 pages, to {@code /basic/}.
 */
@Path("/signin/oauth")
@Tag(name = "session")
public class OAuthResource {
    static final String FLOW_COOKIE = "fxhome_oauth";

    private final OAuthSignIns oauth;
    private final CurrentUser current;
    private final SessionCookies cookies;
    private final SessionStarter starter;
    private final UpstreamConfig upstream;
    private final WebConfig config;

    public OAuthResource(OAuthSignIns oauth, CurrentUser current, SessionCookies cookies, SessionStarter starter,
            UpstreamConfig upstream, WebConfig config) {
        this.oauth = oauth;
        this.current = current;
        this.cookies = cookies;
        this.starter = starter;
        this.upstream = upstream;
        this.config = config;
    }

    @GET
    @Operation(summary = "Start single sign-on: redirects to Firefox Accounts (only when fxhome.web.oauth.enabled)")
    public Response begin(@QueryParam("basic") boolean basic, UriInfo uri) {
        String redirect = upstream.fxa().redirectUri()
                .orElseGet(() -> uri.getBaseUriBuilder().replacePath(config.oauth().callbackPath()).replaceQuery(null).build().toString());
        OAuthSignIns.Started started = oauth.begin(redirect);
        return Response.seeOther(started.authorizationUrl()).header("Cache-Control", "no-store")
                .cookie(cookies.handle(FLOW_COOKIE, (basic ? "b." : "h.") + started.handle(), 900, current.https())).build();
    }

    @GET
    @Path("/callback")
    @Operation(summary = "Where Firefox Accounts sends the browser back (code and state)")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state, @QueryParam("error") String error) {
        Cookie flow = current.request().getCookie(FLOW_COOKIE);
        String value = flow == null ? "" : flow.getValue();
        boolean basic = value.startsWith("b.");
        String handle = value.length() > 2 ? value.substring(2) : null;
        Response.ResponseBuilder answer;
        try {
            if (error != null) {
                throw new Problem(400, "oauth-cancelled", "Sign-in cancelled", "Firefox Accounts did not sign you in.");
            }
            AccountLinker.Linked linked = oauth.complete(handle, code, state);
            SessionStarter.Started started = starter.start(linked.accountId());
            answer = Response.seeOther(URI.create(basic ? "/basic/" : "/#/first-sync")).cookie(started.cookie());
        } catch (Problem p) {
            answer = Response.seeOther(URI.create((basic ? "/basic/?error=" : "/#/signin?error=") + p.code()));
        }
        return answer.header("Cache-Control", "no-store").cookie(cookies.handle(FLOW_COOKIE, "", 0, current.https())).build();
    }
}
