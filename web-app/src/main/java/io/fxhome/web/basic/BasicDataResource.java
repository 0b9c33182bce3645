package io.fxhome.web.basic;

import static io.fxhome.web.basic.BasicPages.page;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.fxhome.web.account.AccountRepository;
import io.fxhome.web.account.AccountView;
import io.fxhome.web.bookmarks.BookmarkFolder;
import io.fxhome.web.bookmarks.BookmarkItem;
import io.fxhome.web.bookmarks.BookmarksRepository;
import io.fxhome.web.config.WebConfig;
import io.fxhome.web.history.HistoryCursor;
import io.fxhome.web.history.HistoryEntry;
import io.fxhome.web.history.HistoryPage;
import io.fxhome.web.history.HistoryRepository;
import io.fxhome.web.i18n.Catalog;
import io.fxhome.web.i18n.RequestLanguage;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.search.SearchResult;
import io.fxhome.web.search.SearchService;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SessionCookies;
import io.fxhome.web.tabs.DeviceTabs;
import io.fxhome.web.tabs.TabsRepository;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The HTML4 version under {@code /basic/}: its home page and the pages of the mirrored data (tabs, history,
 * bookmarks, search), the same content as the HTML5 app, rendered on the server (Qute escapes every value), valid
 * HTML 4.01 Strict, no script, plain links for paging and folders and a GET search form.
 */
@Path("/basic")
@Produces(MediaType.TEXT_HTML)
public class BasicDataResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(AccountView account, String notice);

        static native TemplateInstance tabs(List<DeviceTabs> devices);

        static native TemplateInstance history(List<HistoryDay> days, String next);

        static native TemplateInstance bookmarks(List<BookmarkItem> roots);

        static native TemplateInstance folder(BookmarkFolder folder, String folderTitle);

        static native TemplateInstance search(String q, List<SearchResult> results);
    }

    private final CurrentUser current;
    private final SessionCookies cookies;
    private final AccountRepository accounts;
    private final TabsRepository tabs;
    private final HistoryRepository history;
    private final BookmarksRepository bookmarks;
    private final SearchService search;
    private final WebConfig config;

    public BasicDataResource(CurrentUser current, SessionCookies cookies, AccountRepository accounts,
            TabsRepository tabs, HistoryRepository history, BookmarksRepository bookmarks, SearchService search,
            WebConfig config) {
        this.current = current;
        this.cookies = cookies;
        this.accounts = accounts;
        this.tabs = tabs;
        this.history = history;
        this.bookmarks = bookmarks;
        this.search = search;
        this.config = config;
    }

    @GET
    @Path("/")
    @Operation(hidden = true)
    public Response home(@QueryParam("offered") String offered, @QueryParam("error") String error,
            @QueryParam("deleted") boolean deleted) {
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
        String signIn = "/basic/signin" + (query.isEmpty() ? "" : "?" + query.substring(1));
        return Response.seeOther(URI.create(signIn)).build();
    }

    /** The "Basic HTML version" link of the HTML5 app: remembers the choice, so that {@code /} leads here. */
    @GET
    @Path("/use")
    @Operation(hidden = true)
    public Response use() {
        return Response.seeOther(URI.create("/basic/"))
                .cookie(cookies.handle("fxhome_ui", "basic", 365 * 24 * 3600, current.https())).build();
    }

    @GET
    @Path("/tabs")
    @Operation(hidden = true)
    public Response tabs() {
        return page(Templates.tabs(tabs.byDevice(current.require().accountId())));
    }

    @GET
    @Path("/history")
    @Operation(hidden = true)
    public Response history(@QueryParam("cursor") String cursor) {
        HistoryPage page;
        try {
            page = history.page(current.require().accountId(), HistoryCursor.decode(cursor), config.basic().pageSize());
        } catch (Problem p) {
            if (p.status() == 401) {
                throw p;
            }
            page = history.page(current.require().accountId(), Optional.empty(), config.basic().pageSize());
        }
        List<HistoryDay> days = new ArrayList<>();
        for (HistoryEntry e : page.items()) {
            String label = TimeText.day(e.lastVisitAt(), RequestLanguage.current().locale());
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
        return page(Templates.bookmarks(bookmarks.roots(current.require().accountId())));
    }

    @GET
    @Path("/bookmarks/{guid}")
    @Operation(hidden = true)
    public Response folder(@PathParam("guid") String guid) {
        BookmarkFolder folder = bookmarks.folder(current.require().accountId(), guid)
                .orElseThrow(() -> Problem.notFound("This bookmark folder"));
        Locale locale = RequestLanguage.current().locale();
        String title = Optional.ofNullable(Catalog.coded(locale, "root_", guid)).orElseGet(
                () -> folder.item().title() == null || folder.item().title().isBlank()
                        ? RequestLanguage.messages(locale).untitled_folder()
                        : folder.item().title());
        return page(Templates.folder(folder, title));
    }

    @GET
    @Path("/search")
    @Operation(hidden = true)
    public Response search(@QueryParam("q") String q) {
        String query = q == null ? "" : q;
        List<SearchResult> results = search.search(current.require().accountId(), query, config.api().searchLimit());
        return page(Templates.search(query, results));
    }

    @ServerExceptionMapper
    public Response problem(Problem p) {
        return BasicPages.problem(p);
    }
}
