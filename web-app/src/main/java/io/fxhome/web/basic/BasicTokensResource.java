package io.fxhome.web.basic;

import static io.fxhome.web.basic.BasicPages.page;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.fxhome.web.config.WebConfig;
import io.fxhome.web.feeds.FeedAddresses;
import io.fxhome.web.feeds.Feeds;
import io.fxhome.web.i18n.ProblemText;
import io.fxhome.web.i18n.RequestLanguage;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SignedIn;
import io.fxhome.web.tokens.ApiTokens;
import io.fxhome.web.tokens.TokenCursor;
import io.fxhome.web.tokens.TokenPage;
import io.fxhome.web.tokens.TokenView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The HTML4 page {@code /basic/tokens}: personal API tokens (create, list with last use, revoke) and the Atom feeds'
 * secret addresses (make new ones, turn off). A new token or feed address is shown in the answer to the form that made
 * it, once (never cached), since only hashes are kept; the other forms redirect after POST. Every form carries the
 * session's CSRF token, and tokens cannot open the page (see BearerScope).
 */
@Path("/basic")
@Produces(MediaType.TEXT_HTML)
public class BasicTokensResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tokens(List<TokenView> tokens, String next, ApiTokens.Created created,
                String createdName,
                Instant feedsSince, FeedAddresses.FeedUrls feedUrls, String csrf, String notice, String error);
    }

    private final CurrentUser current;
    private final ApiTokens tokens;
    private final Feeds feeds;
    private final FeedAddresses feedUrls;
    private final RequestLanguage language;
    private final int pageSize;

    public BasicTokensResource(CurrentUser current, ApiTokens tokens, Feeds feeds, FeedAddresses feedUrls, WebConfig config,
            RequestLanguage language) {
        this.current = current;
        this.tokens = tokens;
        this.feeds = feeds;
        this.feedUrls = feedUrls;
        this.language = language;
        this.pageSize = config.basic().pageSize();
    }

    @GET
    @Path("/tokens")
    @Operation(hidden = true)
    public Response tokens(@QueryParam("notice") String notice, @QueryParam("cursor") String cursor) {
        String text = switch (notice == null ? "" : notice) {
            case "revoked" -> language.msg().token_revoked();
            case "feeds-off" -> language.msg().feeds_turned_off();
            default -> null;
        };
        return render(current.requireSession(), TokenCursor.decode(cursor), null, null, null, text, null);
    }

    @POST
    @Path("/tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response create(@RestForm String csrf, @RestForm String name) {
        SignedIn user = current.requireForChange(csrf);
        try {
            ApiTokens.Created created = tokens.create(user.accountId(), name);
            return render(user, created, name.strip(), null, null, null);
        } catch (Problem p) {
            return render(user, null, null, null, null, ProblemText.detail(p));
        }
    }

    @POST
    @Path("/tokens/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response revoke(@RestForm String csrf, @RestForm String id) {
        SignedIn user = current.requireForChange(csrf);
        UUID tokenId;
        try {
            tokenId = UUID.fromString(id == null ? "" : id);
        } catch (IllegalArgumentException e) {
            return render(user, null, null, null, null, language.msg().token_not_found());
        }
        if (!tokens.revoke(user.accountId(), tokenId)) {
            return render(user, null, null, null, null, language.msg().token_not_found());
        }
        return Response.seeOther(URI.create("/basic/tokens?notice=revoked")).build();
    }

    @POST
    @Path("/feeds")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response renewFeeds(@RestForm String csrf, @Context UriInfo uri) {
        SignedIn user = current.requireForChange(csrf);
        String key = feeds.renew(user.accountId());
        return render(user, null, null, feedUrls.of(uri.getBaseUri(), key, user.accountId()), null, null);
    }

    @POST
    @Path("/feeds/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response revokeFeeds(@RestForm String csrf) {
        feeds.revoke(current.requireForChange(csrf).accountId());
        return Response.seeOther(URI.create("/basic/tokens?notice=feeds-off")).build();
    }

    @ServerExceptionMapper
    public Response problem(Problem p) {
        return BasicPages.problem(p);
    }

    private Response render(SignedIn user, ApiTokens.Created created, String createdName,
            FeedAddresses.FeedUrls urls, String notice, String error) {
        return render(user, Optional.empty(), created, createdName, urls, notice, error);
    }

    /** The page with the tokens after {@code after} (the first page after a form: its change is at the top). */
    private Response render(SignedIn user, Optional<TokenCursor> after, ApiTokens.Created created, String createdName,
            FeedAddresses.FeedUrls urls, String notice, String error) {
        UUID account = user.accountId();
        TokenPage list = tokens.page(account, after, pageSize);
        Response page = page(Templates.tokens(list.tokens(), list.next(), created, createdName,
                feeds.activeSince(account).orElse(null), urls, user.csrfToken(), notice, error));
        // A page showing a new secret must not be kept in any cache, the browser's own included.
        return created == null && urls == null ? page
                : Response.fromResponse(page).header("Cache-Control", "no-store").build();
    }
}
