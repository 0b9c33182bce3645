package io.fxhome.web.basic;

import static io.fxhome.web.basic.BasicPages.page;

import java.net.URI;
import java.util.List;
import java.util.UUID;

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
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.fxhome.web.account.AccountDeletion;
import io.fxhome.web.account.AccountRepository;
import io.fxhome.web.account.AccountView;
import io.fxhome.web.devices.DeviceView;
import io.fxhome.web.devices.DevicesRepository;
import io.fxhome.web.i18n.Msg;
import io.fxhome.web.i18n.ProblemText;
import io.fxhome.web.i18n.RequestLanguage;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SessionStarter;
import io.fxhome.web.session.SignedIn;
import io.fxhome.web.syncing.SyncNow;
import io.fxhome.web.syncing.SyncOverview;
import io.fxhome.web.syncing.SyncOverviewRepository;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The HTML4 account page {@code /basic/sync}: the sync status (reloading itself while a sync runs), the devices,
 * "sync now", sign-out and deleting everything. Every form carries the session's CSRF token; answers redirect after
 * POST.
 */
@Path("/basic")
@Produces(MediaType.TEXT_HTML)
public class BasicAccountResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance sync(SyncOverview status, String stateText, boolean refresh,
                List<DeviceView> devices, AccountView account, String csrf, String notice, String error);
    }

    private final CurrentUser current;
    private final SessionStarter sessions;
    private final AccountRepository accounts;
    private final AccountDeletion deletion;
    private final DevicesRepository devices;
    private final SyncOverviewRepository overviews;
    private final SyncNow syncNow;
    private final RequestLanguage language;

    public BasicAccountResource(CurrentUser current, SessionStarter sessions, AccountRepository accounts,
            AccountDeletion deletion, DevicesRepository devices, SyncOverviewRepository overviews, SyncNow syncNow,
            RequestLanguage language) {
        this.current = current;
        this.sessions = sessions;
        this.accounts = accounts;
        this.deletion = deletion;
        this.devices = devices;
        this.overviews = overviews;
        this.syncNow = syncNow;
        this.language = language;
    }

    @GET
    @Path("/sync")
    @Operation(hidden = true)
    public Response sync(@QueryParam("first") boolean first, @QueryParam("notice") String notice) {
        SignedIn user = current.require();
        return syncPage(user, first && "requested".equals(notice) ? null : noticeText(first, notice), null);
    }

    @POST
    @Path("/sync")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response syncNow(@RestForm String csrf) {
        SignedIn user = current.requireForChange(csrf);
        try {
            syncNow.request(user.accountId());
            return Response.seeOther(URI.create("/basic/sync?notice=requested")).build();
        } catch (Problem p) {
            return syncPage(user, null, ProblemText.detail(p));
        }
    }

    @POST
    @Path("/signout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signOut(@RestForm String csrf) {
        current.requireForChange(csrf);
        return Response.seeOther(URI.create("/basic/")).cookie(sessions.end()).build();
    }

    @POST
    @Path("/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response delete(@RestForm String csrf, @RestForm String confirm) {
        SignedIn user = current.requireForChange(csrf);
        if (!"yes".equals(confirm)) {
            return syncPage(user, null, language.msg().delete_tick_box());
        }
        deletion.delete(user.accountId());
        return Response.seeOther(URI.create("/basic/?deleted=true")).cookie(sessions.end()).build();
    }

    @ServerExceptionMapper
    public Response problem(Problem p) {
        return BasicPages.problem(p);
    }

    private Response syncPage(SignedIn user, String notice, String error) {
        UUID account = user.accountId();
        SyncOverview status = overviews.overview(account).orElseThrow(Problem::notSignedIn);
        Msg msg = language.msg();
        String stateText = switch (status.state()) {
            case "syncing" -> msg.sync_state_syncing();
            case "queued" -> msg.sync_state_queued();
            case "needs-reauth" -> msg.sync_state_reauth();
            default -> status.firstSyncDone() ? msg.sync_state_idle() : msg.sync_state_never();
        };
        boolean refresh = "syncing".equals(status.state()) || "queued".equals(status.state());
        return page(Templates.sync(status, stateText, refresh, devices.list(account),
                accounts.find(account).orElseThrow(Problem::notSignedIn), user.csrfToken(), notice, error));
    }

    private String noticeText(boolean first, String notice) {
        if (first) {
            return language.msg().notice_first_sync();
        }
        return "requested".equals(notice) ? language.msg().notice_sync_started() : null;
    }
}
