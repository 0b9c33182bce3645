package io.fxhome.web.tokens;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.config.WebConfig;
import io.fxhome.web.http.PageLimit;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;

/**
 * Personal API tokens: {@code GET}, {@code POST /api/v1/tokens} and {@code DELETE /api/v1/tokens/{id}}. Managing tokens
 * needs the browser's session (a token cannot list, make or revoke tokens), and changes need its CSRF token.
 */
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tokens")
public class TokensResource {
    /** {@code POST /api/v1/tokens}: what the token is for. */
    public record CreateRequest(String name) {
    }

    /** The new token, shown this once: fxhome keeps only its hash. */
    public record CreatedAnswer(UUID id, String token) {
        @Override
        public String toString() {
            return "CreatedAnswer[" + id + ", token=<redacted>]";
        }
    }

    /** A page of tokens; {@code next} (added to the pinned shape) is null when no more follow. */
    public record TokensAnswer(List<TokenView> tokens, String next) {
    }

    private final ApiTokens tokens;
    private final CurrentUser current;
    private final WebConfig.Api config;

    public TokensResource(ApiTokens tokens, CurrentUser current, WebConfig config) {
        this.tokens = tokens;
        this.current = current;
        this.config = config.api();
    }

    @GET
    @Operation(summary = "The account's personal API tokens, newest first (names, creation and last use; never the tokens themselves),"
            + " in pages: pass the previous answer's `next` as `cursor`")
    public Response list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        var user = current.requireSession();
        TokenPage page = tokens.page(user.accountId(), TokenCursor.decode(cursor), PageLimit.of(limit, config));
        return Response.ok(new TokensAnswer(page.tokens(), page.next())).header("Cache-Control", "no-store").build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a read-only API token (needs X-CSRF-Token): its value is in this answer only")
    public Response create(CreateRequest request, @HeaderParam(CurrentUser.CSRF_HEADER) String csrf) {
        var user = current.requireForChange(csrf);
        ApiTokens.Created created = tokens.create(user.accountId(), request == null ? null : request.name());
        return Response.status(201).entity(new CreatedAnswer(created.id(), created.token()))
                .header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a token (needs X-CSRF-Token): refused from then on")
    public Response revoke(@PathParam("id") String id, @HeaderParam(CurrentUser.CSRF_HEADER) String csrf) {
        var user = current.requireForChange(csrf);
        if (!tokens.revoke(user.accountId(), Ids.parse(id))) {
            throw Problem.notFound("That token");
        }
        return Response.noContent().header("Cache-Control", "no-store").build();
    }
}
