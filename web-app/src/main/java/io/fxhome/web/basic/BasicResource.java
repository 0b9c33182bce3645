package io.fxhome.web.basic;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.fxhome.web.account.AccountDeletion;
import io.fxhome.web.account.AccountRepository;
import io.fxhome.web.account.AccountView;
import io.fxhome.web.bookmarks.BookmarkFolder;
import io.fxhome.web.bookmarks.BookmarkItem;
import io.fxhome.web.bookmarks.BookmarksRepository;
import io.fxhome.web.config.WebConfig;
import io.fxhome.web.devices.DeviceView;
import io.fxhome.web.devices.DevicesRepository;
import io.fxhome.web.history.HistoryCursor;
import io.fxhome.web.history.HistoryEntry;
import io.fxhome.web.history.HistoryPage;
import io.fxhome.web.history.HistoryRepository;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.search.SearchResult;
import io.fxhome.web.search.SearchService;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SessionCookies;
import io.fxhome.web.session.SessionStarter;
import io.fxhome.web.session.SignedIn;
import io.fxhome.web.syncing.SyncNow;
import io.fxhome.web.syncing.SyncOverview;
import io.fxhome.web.syncing.SyncOverviewRepository;
import io.fxhome.web.tabs.DeviceTabs;
import io.fxhome.web.tabs.TabsRepository;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The HTML4 version under {@code /basic/}: the same content as the HTML5 app, rendered on the server (Qute escapes
 * every value), valid HTML 4.01 Strict, no script, plain links for paging and folders and a GET search form. Every
 * form carries a CSRF token; answers redirect after POST.
 */
@Path("/basic")
@Produces(MediaType.TEXT_HTML)
public class BasicResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(AccountView account, String notice);

        static native TemplateInstance tabs(List<DeviceTabs> devices);

        static native TemplateInstance history(List<HistoryDay> days, String next);

        static native TemplateInstance bookmarks(List<BookmarkItem> roots);

        static native TemplateInstance folder(BookmarkFolder folder, String folderTitle);

        static native TemplateInstance search(String q, List<SearchResult> results);

        static native TemplateInstance sync(SyncOverview status, String stateText, boolean refresh, List<DeviceView> devices,
                AccountView account, String csrf, String notice, String error);

        static native TemplateInstance error(String title, String detail);
    }

    private final CurrentUser current;
    private final SessionStarter sessions;
    private final SessionCookies cookies;
    private final AccountRepository accounts;
    private final AccountDeletion deletion;
    private final TabsRepository tabs;
    private final HistoryRepository history;
    private final BookmarksRepository bookmarks;
    private final SearchService search;
    private final DevicesRepository devices;
    private final SyncOverviewRepository syncStatus;
    private final SyncNow syncNow;
    private final WebConfig config;

    public BasicResource(CurrentUser current, SessionStarter sessions,
            SessionCookies cookies, AccountRepository accounts, AccountDeletion deletion, TabsRepository tabs, HistoryRepository history,
            BookmarksRepository bookmarks, SearchService search, DevicesRepository devices, SyncOverviewRepository syncStatus, SyncNow syncNow,
            WebConfig config) {
        this.current = current;
        this.sessions = sessions;
        this.cookies = cookies;
        this.accounts = accounts;
        this.deletion = deletion;
        this.tabs = tabs;
        this.history = history;
        this.bookmarks = bookmarks;
        this.search = search;
        this.devices = devices;
        this.syncStatus = syncStatus;
        this.syncNow = syncNow;
        this.config = config;
    }

    // ------------------------------------------------------------------ home

    @GET
    @Path("/")
    @Operation(hidden = true)
    public Response home(@QueryParam("offered") String offered, @QueryParam("error") String error, @QueryParam("deleted") boolean deleted) {
        var user = current.optional();
        if (user.isPresent()) {
            AccountView account = accounts.find(user.get().accountId()).orElseThrow(Problem::notSignedIn);
            return page(Templates.home(account, null));
        }
        StringBuilder query = new StringBuilder();
        if ("1".equals(offered) || "true".equals(offered)) {
            query.append("&offered=true");
        }
        if (deleted) {
            query.append("&deleted=true");
        }
        if (error != null && error.matches("[a-z-]{1,40}")) {
            query.append("&error=").append(error);
        }
        return Response.seeOther(URI.create("/basic/signin" + (query.isEmpty() ? "" : "?" + query.substring(1)))).build();
    }

    /** The "Basic HTML version" link of the HTML5 app: remember the choice, so that {@code /} brings this browser here. */
    @GET
    @Path("/use")
    @Operation(hidden = true)
    public Response use() {
        return Response.seeOther(URI.create("/basic/")).cookie(cookies.handle("fxhome_ui", "basic", 365 * 24 * 3600, current.https())).build();
    }

    // ------------------------------------------------------------------ data pages

    @GET
    @Path("/tabs")
    @Operation(hidden = true)
    public Response tabs() {
        return page(Templates.tabs(tabs.byDevice(user().accountId())));
    }

    @GET
    @Path("/history")
    @Operation(hidden = true)
    public Response history(@QueryParam("cursor") String cursor) {
        HistoryPage page;
        try {
            page = history.page(user().accountId(), HistoryCursor.decode(cursor), config.basic().pageSize());
        } catch (Problem p) {
            if (p.status() == 401) {
                throw p;
            }
            page = history.page(user().accountId(), java.util.Optional.empty(), config.basic().pageSize());
        }
        List<HistoryDay> days = new ArrayList<>();
        for (HistoryEntry e : page.items()) {
            String label = TimeText.day(e.lastVisitAt());
            if (days.isEmpty() || !days.get(days.size() - 1).label().equals(label)) {
                days.add(new HistoryDay(label, new ArrayList<>()));
            }
            days.get(days.size() - 1).items().add(e);
        }
        return page(Templates.history(days, page.next()));
    }

    @GET
    @Path("/bookmarks")
    @Operation(hidden = true)
    public Response bookmarks() {
        return page(Templates.bookmarks(bookmarks.roots(user().accountId())));
    }

    @GET
    @Path("/bookmarks/{guid}")
    @Operation(hidden = true)
    public Response folder(@PathParam("guid") String guid) {
        BookmarkFolder folder = bookmarks.folder(user().accountId(), guid).orElseThrow(() -> Problem.notFound("This bookmark folder"));
        String title = folder.item().title() == null || folder.item().title().isBlank() ? "(untitled folder)" : folder.item().title();
        return page(Templates.folder(folder, title));
    }

    @GET
    @Path("/search")
    @Operation(hidden = true)
    public Response search(@QueryParam("q") String q) {
        String query = q == null ? "" : q;
        return page(Templates.search(query, search.search(user().accountId(), query, config.api().searchLimit())));
    }

    // ------------------------------------------------------------------ sync, sign-out, delete

    @GET
    @Path("/sync")
    @Operation(hidden = true)
    public Response sync(@QueryParam("first") boolean first, @QueryParam("notice") String notice) {
        SignedIn user = user();
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
            return syncPage(user, null, p.detail());
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
            return syncPage(user, null, "Tick the box to confirm that everything should be deleted.");
        }
        deletion.delete(user.accountId());
        return Response.seeOther(URI.create("/basic/?deleted=true")).cookie(sessions.end()).build();
    }

    private Response syncPage(SignedIn user, String notice, String error) {
        UUID account = user.accountId();
        SyncOverview status = syncStatus.overview(account).orElseThrow(Problem::notSignedIn);
        String stateText = switch (status.state()) {
            case "syncing" -> "Syncing now";
            case "queued" -> "Waiting for a sync to start";
            case "needs-reauth" -> "Sign in again to resume syncing";
            default -> status.firstSyncDone() ? "Up to date" : "Not synced yet";
        };
        boolean refresh = "syncing".equals(status.state()) || "queued".equals(status.state());
        return page(Templates.sync(status, stateText, refresh, devices.list(account), accounts.find(account).orElseThrow(Problem::notSignedIn),
                user.csrfToken(), notice, error));
    }

    private static String noticeText(boolean first, String notice) {
        if (first) {
            return "Signed in. fxhome is downloading your Firefox data; this page reloads until it is done.";
        }
        return "requested".equals(notice) ? "Sync started." : null;
    }

    // ------------------------------------------------------------------ plumbing

    private SignedIn user() {
        return current.require();
    }

    private static Response page(TemplateInstance page, jakarta.ws.rs.core.NewCookie... cookies) {
        return Response.ok(page.render(), "text/html; charset=utf-8").header("Cache-Control", "private, no-cache").cookie(cookies).build();
    }

    /** Errors of these pages are pages too; signed-out visitors are sent to the sign-in form. */
    @ServerExceptionMapper
    public Response problem(Problem p) {
        if (p.status() == 401) {
            return Response.seeOther(URI.create("/basic/")).build();
        }
        return Response.status(p.status()).type("text/html; charset=utf-8").entity(Templates.error(p.title(), p.detail()).render()).build();
    }
}
