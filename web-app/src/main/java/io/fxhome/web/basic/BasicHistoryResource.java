package io.fxhome.web.basic;

import static io.fxhome.web.basic.BasicPages.page;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.fxhome.web.config.WebConfig;
import io.fxhome.web.history.HistoryCursor;
import io.fxhome.web.history.HistoryPage;
import io.fxhome.web.history.calendar.CalendarDay;
import io.fxhome.web.history.calendar.CalendarMonth;
import io.fxhome.web.history.calendar.CalendarRepository;
import io.fxhome.web.history.calendar.CalendarRequest;
import io.fxhome.web.history.purge.HistoryPurge;
import io.fxhome.web.history.purge.PurgeRequest;
import io.fxhome.web.history.purge.PurgeResult;
import io.fxhome.web.history.sites.SiteCursor;
import io.fxhome.web.history.sites.SitePage;
import io.fxhome.web.history.sites.SitesRepository;
import io.fxhome.web.history.story.PageStory;
import io.fxhome.web.history.story.PageStoryRepository;
import io.fxhome.web.history.visits.SearchWords;
import io.fxhome.web.history.visits.VisitCursor;
import io.fxhome.web.history.visits.VisitPage;
import io.fxhome.web.history.visits.VisitQuery;
import io.fxhome.web.history.visits.VisitRange;
import io.fxhome.web.history.visits.VisitsRepository;
import io.fxhome.web.i18n.ProblemText;
import io.fxhome.web.i18n.RequestLanguage;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SignedIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The HTML4 pages of the whole history: a day's visits in order, the calendar, sites and a site's pages, a search in a
 * date range, one page's story, and purging fxhome's copy. Days are UTC days here (these pages have no script to
 * learn the browser's zone), and every time says so.
 */
@Path("/basic")
@Produces(MediaType.TEXT_HTML)
public class BasicHistoryResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance day(String title, LocalDate date, String month, VisitPage visits, String previous,
                String next);

        static native TemplateInstance calendar(CalendarMonth month, String title, List<List<CalendarCell>> weeks,
                List<String> weekdays);

        static native TemplateInstance sites(SitePage sites);

        static native TemplateInstance site(String host, HistoryPage pages, String csrf);

        static native TemplateInstance search(String q, String from, String to, VisitPage visits, boolean searched);

        static native TemplateInstance story(PageStory story, String shownTitle);

        static native TemplateInstance purge(String csrf, PurgeResult result, String error, String from, String to,
                String host);
    }

    private final CurrentUser current;
    private final VisitsRepository visits;
    private final CalendarRepository calendar;
    private final SitesRepository sites;
    private final PageStoryRepository stories;
    private final HistoryPurge purge;
    private final int pageSize;

    public BasicHistoryResource(CurrentUser current, VisitsRepository visits, CalendarRepository calendar,
            SitesRepository sites,
            PageStoryRepository stories, HistoryPurge purge, WebConfig config) {
        this.current = current;
        this.visits = visits;
        this.calendar = calendar;
        this.sites = sites;
        this.stories = stories;
        this.purge = purge;
        this.pageSize = config.basic().pageSize();
    }

    @GET
    @Path("/history/day")
    @Operation(hidden = true)
    public Response day(@QueryParam("date") String date, @QueryParam("cursor") String cursor) {
        UUID account = current.require().accountId();
        LocalDate day = CalendarRequest.day(date, ZoneOffset.UTC);
        VisitRange range = VisitRange.of(day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        VisitPage page = visits.page(account,
                new VisitQuery(account, range).oldestFirst(true).after(VisitCursor.decode(cursor)),
                pageSize);
        return page(Templates.day(
                TimeText.day(day.atStartOfDay(ZoneOffset.UTC).toInstant(), RequestLanguage.current().locale()), day,
                YearMonth.from(day).toString(), page,
                day.getYear() > 1 || day.getDayOfYear() > 1 ? day.minusDays(1).toString() : null,
                day.getYear() < 9999 || day.getDayOfYear() < day.lengthOfYear() ? day.plusDays(1).toString() : null));
    }

    @GET
    @Path("/history/calendar")
    @Operation(hidden = true)
    public Response calendar(@QueryParam("month") String month) {
        UUID account = current.require().accountId();
        YearMonth m = CalendarRequest.month(month, ZoneOffset.UTC);
        CalendarMonth answer = calendar.month(account, m, ZoneOffset.UTC, LocalDate.now(ZoneOffset.UTC));
        List<List<CalendarCell>> weeks = new ArrayList<>();
        List<CalendarCell> week = new ArrayList<>();
        int lead = m.atDay(1).getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue();
        for (int i = 0; i < lead; i++) {
            week.add(CalendarCell.BLANK);
        }
        for (CalendarDay d : answer.days()) {
            week.add(new CalendarCell(d.date().getDayOfMonth(), d.date().toString(), d.visits()));
            if (week.size() == 7) {
                weeks.add(week);
                week = new ArrayList<>();
            }
        }
        if (!week.isEmpty()) {
            while (week.size() < 7) {
                week.add(CalendarCell.BLANK);
            }
            weeks.add(week);
        }
        Locale locale = RequestLanguage.current().locale();
        String title = DateTimeFormatter.ofPattern(RequestLanguage.messages(locale).format_month(), locale).format(m);
        List<String> weekdays = Arrays.stream(DayOfWeek.values()).map(d -> d.getDisplayName(TextStyle.SHORT, locale))
                .toList();
        return page(Templates.calendar(answer, title, weeks, weekdays));
    }

    @GET
    @Path("/history/sites")
    @Operation(hidden = true)
    public Response sites(@QueryParam("cursor") String cursor) {
        UUID account = current.require().accountId();
        return page(Templates.sites(sites.sites(account, SiteCursor.decode(cursor), pageSize)));
    }

    @GET
    @Path("/history/sites/{host}")
    @Operation(hidden = true)
    public Response site(@PathParam("host") String host, @QueryParam("cursor") String cursor) {
        SignedIn user = current.require();
        String h = host.strip().toLowerCase(java.util.Locale.ROOT);
        return page(
                Templates.site(h, sites.pages(user.accountId(), h, HistoryCursor.decode(cursor), pageSize), user.csrfToken()));
    }

    @GET
    @Path("/history/search")
    @Operation(hidden = true)
    public Response search(@QueryParam("q") String q, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("cursor") String cursor) {
        UUID account = current.require().accountId();
        List<String> words = SearchWords.of(q);
        boolean searched = !words.isEmpty() || (from != null && !from.isBlank()) || (to != null && !to.isBlank());
        VisitPage page = searched
                ? visits.page(account, new VisitQuery(account, VisitRange.parse(from, to)).words(words)
                        .after(VisitCursor.decode(cursor)), pageSize)
                : new VisitPage(List.of(), null);
        return page(Templates.search(q == null ? "" : q, from == null ? "" : from, to == null ? "" : to, page, searched));
    }

    @GET
    @Path("/page")
    @Operation(hidden = true)
    public Response story(@QueryParam("url") String url, @QueryParam("cursor") String cursor) {
        UUID account = current.require().accountId();
        if (url == null || url.isEmpty()) {
            throw Problem.badRequest("Name the page's address.");
        }
        PageStory story = stories.story(account, url, VisitCursor.decode(cursor), pageSize)
                .orElseThrow(() -> Problem.notFound("This address"));
        String title = story.title() == null || story.title().isBlank() ? RequestLanguage.current().msg().untitled_page()
                : story.title();
        return page(Templates.story(story, title));
    }

    @GET
    @Path("/history/purge")
    @Operation(hidden = true)
    public Response purgeForm(@QueryParam("host") String host, @QueryParam("visits") String deletedVisits,
            @QueryParam("pages") String deletedPages) {
        SignedIn user = current.require();
        PurgeResult done = null;
        if (deletedVisits != null && deletedVisits.matches("\\d{1,18}") && deletedPages != null
                && deletedPages.matches("\\d{1,18}")) {
            done = new PurgeResult(Long.parseLong(deletedVisits), Long.parseLong(deletedPages), PurgeResult.NOTE);
        }
        return page(Templates.purge(user.csrfToken(), done, null, "", "", host == null ? "" : host));
    }

    @POST
    @Path("/history/purge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response purge(@RestForm String csrf, @RestForm String from, @RestForm String to, @RestForm String host) {
        SignedIn user = current.requireForChange(csrf);
        try {
            PurgeResult result = purge.purge(user.accountId(), new PurgeRequest(from, to, host));
            return Response.seeOther(URI.create("/basic/history/purge?visits=" + result.visitsDeleted() + "&pages="
                    + result.pagesDeleted())).build();
        } catch (Problem p) {
            if (p.status() != 400) {
                throw p;
            }
            return page(Templates.purge(user.csrfToken(), null, ProblemText.detail(p), from == null ? "" : from,
                    to == null ? "" : to,
                    host == null ? "" : host));
        }
    }

    @ServerExceptionMapper
    public Response problem(Problem p) {
        return BasicPages.problem(p);
    }
}
