package io.fxhome.web.signin.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.job.InteractiveSyncOutcome;
import io.fxhome.web.account.AccountRepository;
import io.fxhome.web.account.AccountView;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SessionCookies;
import io.fxhome.web.session.SessionStarter;
import io.fxhome.web.session.SignedIn;
import io.fxhome.web.signin.AccountLinker;
import io.fxhome.web.signin.SignInCookies;
import io.fxhome.web.signin.SignInOutcome;
import io.fxhome.web.signin.SignInService;
import io.vertx.core.http.Cookie;

/** Sign-in, the verification step and sign-out of the JSON API. */
@Path("/api/v1/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "session")
public class SessionResource {
    private final SignInService signIn;
    private final CurrentUser current;
    private final SessionStarter starter;
    private final SessionCookies cookies;
    private final AccountRepository accounts;

    public SessionResource(SignInService signIn, CurrentUser current, SessionStarter starter, SessionCookies cookies,
            AccountRepository accounts) {
        this.signIn = signIn;
        this.current = current;
        this.starter = starter;
        this.cookies = cookies;
        this.accounts = accounts;
    }

    @GET
    @Operation(summary = "Whether this browser is signed in (with the CSRF token if so) and which sign-in options exist")
    public Response status() {
        Optional<SignedIn> user = current.optional();
        if (user.isEmpty()) {
            return noStore(Response.ok(SessionAnswer.signedOut()));
        }
        return noStore(Response.ok(SessionAnswer.signedIn(account(user.get().accountId()), user.get().csrfToken(), null)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in with a Mozilla account's email and password (and the unblock code Mozilla emailed, after an "
            + "'unblock-required' answer): the account, or the next step")
    public Response signIn(SignInRequest request) {
        if (request == null) {
            throw Problem.badRequest("Send {\"email\": ..., \"password\": ...}.");
        }
        SignInOutcome outcome = signIn.signIn(request.email(), request.password(), request.unblockCode(),
                current.clientAddress());
        return answer(outcome);
    }

    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete a sign-in with the emailed or authenticator code (or, without a code, after clicking the emailed link)")
    public Response verify(VerifyRequest request) {
        String handle = pendingHandle(request == null ? null : request.pendingSignIn());
        return answer(signIn.verify(handle, request == null ? null : request.code()));
    }

    @POST
    @Path("/verify/resend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask Firefox Accounts to send the verification code again")
    public Response resend(VerifyRequest request) {
        signIn.resendCode(pendingHandle(request == null ? null : request.pendingSignIn()));
        return Response.noContent().build();
    }

    @POST
    @Path("/unblock/resend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask Mozilla to email another unblock code for the blocked sign-in")
    public Response resendUnblockCode(VerifyRequest request) {
        signIn.resendUnblockCode(pendingHandle(request == null ? null : request.pendingSignIn()), current.clientAddress());
        return Response.noContent().header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Operation(summary = "Sign out (needs the X-CSRF-Token header)")
    public Response signOut(@HeaderParam(CurrentUser.CSRF_HEADER) String csrf) {
        if (current.optional().isPresent()) {
            current.requireForChange(csrf);
        }
        return Response.noContent().cookie(starter.end()).header("Cache-Control", "no-store").build();
    }

    Response answer(SignInOutcome outcome) {
        return switch (outcome) {
            case SignInOutcome.NeedsUnblockCode u ->
                noStore(Response.accepted(SessionAnswer.unblockRequired(u.message(), u.handle(),
                        u.expiresAt(), u.email())).cookie(cookies.handle(SignInCookies.PENDING, u.handle(),
                                (int) Duration.between(Instant.now(), u.expiresAt()).toSeconds(), current.https())));
            case SignInOutcome.NeedsVerification v -> noStore(Response.accepted(SessionAnswer.verificationRequired(
                    v.method().wireName().isEmpty() ? "unknown" : v.method().wireName(), v.expectsCode(), v.message(),
                    v.handle(), v.expiresAt()))
                    .cookie(cookies.handle(SignInCookies.PENDING, v.handle(),
                            (int) Duration.between(Instant.now(), v.expiresAt()).toSeconds(), current.https())));
            case SignInOutcome.Linked l -> signedIn(l.account(), SignInCookies.PENDING);
        };
    }

    /** Signs this browser in to the linked account: the session cookie, the CSRF token, and the step's cookie cleared. */
    Response signedIn(AccountLinker.Linked linked, String stepCookie) {
        SessionStarter.Started started = starter.start(linked.accountId());
        return noStore(Response.ok(SessionAnswer.signedIn(account(linked.accountId()), started.csrfToken(), firstSync(linked)))
                .cookie(started.cookie(), cookies.handle(stepCookie, "", 0, current.https())));
    }

    private String pendingHandle(String fromBody) {
        if (fromBody != null && !fromBody.isBlank()) {
            return fromBody;
        }
        Cookie c = current.request().getCookie(SignInCookies.PENDING);
        if (c == null || c.getValue().isEmpty()) {
            throw new Problem(410, "sign-in-expired", "Sign-in expired",
                    "There is no sign-in waiting for a code. Sign in again.");
        }
        return c.getValue();
    }

    private AccountView account(UUID id) {
        return accounts.find(id).orElseThrow(Problem::notSignedIn);
    }

    static String firstSync(AccountLinker.Linked linked) {
        return linked.sync().map(InteractiveSyncOutcome::result).map(r -> r.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .orElse("not-enqueued");
    }

    private static Response noStore(Response.ResponseBuilder r) {
        return r.header("Cache-Control", "no-store").build();
    }
}
