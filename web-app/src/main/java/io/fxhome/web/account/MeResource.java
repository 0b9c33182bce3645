package io.fxhome.web.account;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SessionStarter;

@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "account")
public class MeResource {
    /** {@code GET /api/v1/me}: the account and the session's CSRF token. */
    public record MeAnswer(AccountView account, String csrfToken) {
        @Override
        public String toString() {
            return "MeAnswer[account=" + (account == null ? null : account.id()) + ", csrfToken=<redacted>]";
        }
    }

    /**
     * {@code DELETE /api/v1/me}. {@code upstreamRevocation}: {@code revoked}, {@code failed},
     * {@code skipped-secrets-unreadable} (the secrets no longer open: nothing to revoke with) or {@code no-secrets}.
     */
    public record DeletedAnswer(boolean deleted, boolean refreshTokenRevoked, String upstreamRevocation) {
    }

    private final AccountRepository accounts;
    private final AccountDeletion deletion;
    private final CurrentUser current;
    private final SessionStarter sessions;

    public MeResource(AccountRepository accounts, AccountDeletion deletion, CurrentUser current, SessionStarter sessions) {
        this.accounts = accounts;
        this.deletion = deletion;
        this.current = current;
        this.sessions = sessions;
    }

    @GET
    @Operation(summary = "The signed-in account, with the CSRF token for state-changing calls")
    public Response me() {
        var user = current.require();
        AccountView account = accounts.find(user.accountId()).orElseThrow(Problem::notSignedIn);
        return Response.ok(new MeAnswer(account, user.csrfToken())).header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Operation(summary = "Unlink and delete everything: revokes fxhome's refresh token at Firefox Accounts and deletes every row of the account (needs X-CSRF-Token)")
    public Response delete(@HeaderParam(CurrentUser.CSRF_HEADER) String csrf) {
        var user = current.requireForChange(csrf);
        AccountDeletion.Deleted deleted = deletion.delete(user.accountId());
        return Response.ok(new DeletedAnswer(deleted.deleted(), deleted.tokenRevoked(),
                deleted.revocation().label())).cookie(sessions.end())
                .header("Cache-Control", "no-store").build();
    }
}
