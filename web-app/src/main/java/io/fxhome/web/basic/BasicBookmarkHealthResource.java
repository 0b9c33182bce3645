package io.fxhome.web.basic;

import static io.fxhome.web.basic.BasicPages.page;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.fxhome.web.bookmarks.health.BookmarkHealth;
import io.fxhome.web.bookmarks.health.HealthCursor;
import io.fxhome.web.bookmarks.health.HealthList;
import io.fxhome.web.bookmarks.health.HealthPage;
import io.fxhome.web.bookmarks.health.HealthSummary;
import io.fxhome.web.config.WebConfig;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The HTML4 bookmark health report, and each of its lists ("Lost and found" among them) in pages. */
@Path("/basic/bookmark-health")
@Produces(MediaType.TEXT_HTML)
public class BasicBookmarkHealthResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance summary(HealthSummary summary);

        static native TemplateInstance list(HealthPage page);
    }

    private final CurrentUser current;
    private final BookmarkHealth health;
    private final WebConfig config;

    public BasicBookmarkHealthResource(CurrentUser current, BookmarkHealth health, WebConfig config) {
        this.current = current;
        this.health = health;
        this.config = config;
    }

    @GET
    @Operation(hidden = true)
    public Response summary() {
        return page(Templates.summary(health.summary(current.require().accountId())));
    }

    @GET
    @Path("/{list}")
    @Operation(hidden = true)
    public Response list(@PathParam("list") String list, @QueryParam("cursor") String cursor) {
        var account = current.require().accountId();
        HealthList which = HealthList.byPath(list).orElseThrow(() -> Problem.notFound("This list"));
        return page(Templates.list(health.page(account, which, HealthCursor.decode(cursor), config.basic().pageSize())));
    }

    @ServerExceptionMapper
    public Response problem(Problem p) {
        return BasicPages.problem(p);
    }
}
