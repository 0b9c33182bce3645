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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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

    public record TokensAnswer(List<TokenView> tokens) {
    }

    private final ApiTokens tokens;
    private final CurrentUser current;

    public TokensResource(ApiTokens tokens, CurrentUser current) {
        this.tokens = tokens;
        this.current = current;
    }

    @GET
    @Operation(summary = "The account's personal API tokens (names, creation and last use; never the tokens themselves)")
    public Response list() {
        var user = current.requireSession();
        return Response.ok(new TokensAnswer(tokens.list(user.accountId()))).header("Cache-Control", "no-store").build();
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
