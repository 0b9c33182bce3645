package io.fxhome.web.basic;

import static io.fxhome.web.basic.BasicPages.page;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

import io.fxhome.sync.fxa.OAuthRedirect;
import io.fxhome.web.i18n.Catalog;
import io.fxhome.web.i18n.Msg;
import io.fxhome.web.i18n.ProblemText;
import io.fxhome.web.i18n.RequestLanguage;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SessionCookies;
import io.fxhome.web.session.SessionStarter;
import io.fxhome.web.signin.AccountLinker;
import io.fxhome.web.signin.BrowserSignIns;
import io.fxhome.web.signin.SignInCookies;
import io.fxhome.web.signin.SignInOutcome;
import io.fxhome.web.signin.SignInService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.Cookie;

/**
 * The HTML4 sign-in under {@code /basic/signin}: on Mozilla's page (a link, then the pasted address), or with the
 * password (then the code step or the unblock step). Every form carries the signed-out CSRF token; a refusal shows the
 * form again with Mozilla's answer in words.
 */
@Path("/basic/signin")
@Produces(MediaType.TEXT_HTML)
public class BasicSignInResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signin(String csrf, String email, String error, String notice, boolean offered);

        static native TemplateInstance code(String csrf, String message, boolean expectsCode, String error);

        static native TemplateInstance unblock(String csrf, String email, String message, String notice, String error);

        static native TemplateInstance browser(String csrf, String authorizationUrl, Instant expiresAt, boolean returnsByItself,
                String error);
    }

    private final CurrentUser current;
    private final BasicCsrf csrf;
    private final SignInService signIn;
    private final BrowserSignIns browser;
    private final SessionStarter sessions;
    private final SessionCookies cookies;

    public BasicSignInResource(CurrentUser current, BasicCsrf csrf, SignInService signIn, BrowserSignIns browser,
            SessionStarter sessions, SessionCookies cookies) {
        this.current = current;
        this.csrf = csrf;
        this.signIn = signIn;
        this.browser = browser;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @GET
    @Operation(hidden = true)
    public Response form(@QueryParam("offered") boolean offered, @QueryParam("error") String error,
            @QueryParam("deleted") boolean deleted) {
        Msg msg = RequestLanguage.current().msg();
        String message = error == null ? null : msg.oauth_incomplete(error);
        return signInPage(null, message, deleted ? msg.account_deleted() : null, offered);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signIn(@RestForm String csrf, @RestForm String email, @RestForm String password) {
        this.csrf.checkSignedOut(csrf);
        try {
            return afterStep(signIn.signIn(email, password, null, current.clientAddress()));
        } catch (Problem p) {
            return signInPage(email, ProblemText.detail(p), null, false);
        }
    }

    @POST
    @Path("/code")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response code(@RestForm String csrf, @RestForm String code) {
        this.csrf.checkSignedOut(csrf);
        try {
            return afterStep(signIn.verify(cookie(SignInCookies.PENDING), code));
        } catch (Problem p) {
            if (p.status() == 410) {
                return signInPage(null, ProblemText.detail(p), null, false);
            }
            return page(Templates.code(this.csrf.signedOutToken(), "", true, ProblemText.detail(p)));
        }
    }

    @POST
    @Path("/unblock")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response unblock(@RestForm String csrf, @RestForm String email, @RestForm String password,
            @RestForm String unblockCode) {
        this.csrf.checkSignedOut(csrf);
        try {
            if (unblockCode == null || unblockCode.isBlank()) {
                throw new Problem(400, "code-required", "Code needed", "Enter the unblock code from Mozilla's email.");
            }
            return afterStep(signIn.signIn(email, password, unblockCode, current.clientAddress()));
        } catch (Problem p) {
            return page(Templates.unblock(this.csrf.signedOutToken(), email == null ? "" : email,
                    RequestLanguage.current().msg().unblock_prompt(), null, ProblemText.detail(p)));
        }
    }

    @POST
    @Path("/unblock/resend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response resendUnblockCode(@RestForm String csrf, @RestForm String email) {
        this.csrf.checkSignedOut(csrf);
        String notice = null;
        String error = null;
        try {
            signIn.resendUnblockCode(cookie(SignInCookies.PENDING), current.clientAddress());
            notice = RequestLanguage.current().msg().unblock_resent();
        } catch (Problem p) {
            if (p.status() == 410) {
                return signInPage(email, ProblemText.detail(p), null, false);
            }
            error = ProblemText.detail(p);
        }
        return page(Templates.unblock(this.csrf.signedOutToken(), email == null ? "" : email,
                RequestLanguage.current().msg().unblock_prompt(), notice, error));
    }

    @GET
    @Path("/browser")
    @Operation(hidden = true)
    public Response browserPage(@QueryParam("again") boolean again) {
        String handle = cookie(SignInCookies.BROWSER);
        if (!again && browser.returnsByItself()) {
            return page(Templates.browser(csrf.signedOutToken(), null, null, true, null), csrf.cookie());
        }
        if (!again) {
            var waiting = browser.waiting(handle);
            if (waiting.isPresent()) {
                // Back on this page (a reload, or back from Mozilla's): the same sign-in, whose address may be pasted.
                return page(Templates.browser(csrf.signedOutToken(), waiting.get().toString(), null, false, null),
                        csrf.cookie());
            }
        }
        BrowserSignIns.Started started = browser.begin();
        return page(
                Templates.browser(csrf.signedOutToken(), started.authorizationUrl().toString(), started.expiresAt(), false,
                        null),
                csrf.cookie(), cookies.handle(SignInCookies.BROWSER, started.handle(),
                        (int) Duration.between(Instant.now(), started.expiresAt()).toSeconds(), current.https()));
    }

    @POST
    @Path("/browser")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response browserComplete(@RestForm String csrf, @RestForm String url) {
        this.csrf.checkSignedOut(csrf);
        String handle = cookie(SignInCookies.BROWSER);
        try {
            OAuthRedirect redirect = BrowserSignIns.parse(url);
            if (redirect.isError()) {
                throw new Problem(400, "oauth-cancelled", "Sign-in not completed",
                        "Mozilla's page did not sign you in. Start again.");
            }
            AccountLinker.Linked linked = browser.complete(handle, redirect.code(), redirect.state());
            SessionStarter.Started started = sessions.start(linked.accountId());
            return Response.seeOther(URI.create("/basic/sync?first=1")).cookie(started.cookie(),
                    cookies.handle(SignInCookies.BROWSER, "", 0, current.https())).build();
        } catch (Problem p) {
            if (p.status() == 410) {
                return signInPage(null, ProblemText.detail(p), null, false);
            }
            String again = browser.waiting(handle).map(URI::toString).orElse(null);
            return page(Templates.browser(this.csrf.signedOutToken(), again, null, false, ProblemText.detail(p)));
        }
    }

    /** What Mozilla asked for, in the page's language ({@code verify_<method>}), else Mozilla's step in English. */
    private static String verifyText(SignInOutcome.NeedsVerification v) {
        String wire = v.method().wireName().isEmpty() ? "unknown" : v.method().wireName();
        String text = Catalog.coded(RequestLanguage.current().locale(), "verify_", wire);
        return text == null ? v.message() : text;
    }

    private Response afterStep(SignInOutcome outcome) {
        return switch (outcome) {
            case SignInOutcome.NeedsVerification v ->
                page(Templates.code(csrf.signedOutToken(), verifyText(v), v.expectsCode(), null),
                        cookies.handle(SignInCookies.PENDING, v.handle(), (int) signIn.pendingTtl().toSeconds(),
                                current.https()));
            case SignInOutcome.NeedsUnblockCode u ->
                page(Templates.unblock(csrf.signedOutToken(), u.email(),
                        RequestLanguage.current().msg().unblock_emailed(u.email()), null,
                        null),
                        cookies.handle(SignInCookies.PENDING, u.handle(), (int) signIn.pendingTtl().toSeconds(),
                                current.https()));
            case SignInOutcome.Linked l -> {
                SessionStarter.Started started = sessions.start(l.account().accountId());
                yield Response.seeOther(URI.create("/basic/sync?first=1")).cookie(started.cookie(),
                        cookies.handle(SignInCookies.PENDING, "", 0, current.https())).build();
            }
        };
    }

    private Response signInPage(String email, String error, String notice, boolean offered) {
        return page(Templates.signin(csrf.signedOutToken(), email == null ? "" : email, error, notice, offered), csrf.cookie());
    }

    private String cookie(String name) {
        Cookie c = current.request().getCookie(name);
        return c == null ? null : c.getValue();
    }
}
