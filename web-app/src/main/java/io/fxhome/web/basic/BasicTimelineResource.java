package io.fxhome.web.basic;

import static io.fxhome.web.basic.BasicPages.page;

import java.time.Instant;
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

import io.fxhome.web.config.WebConfig;
import io.fxhome.web.i18n.RequestLanguage;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.timeline.DeviceId;
import io.fxhome.web.timeline.TabSnapshot;
import io.fxhome.web.timeline.TimeParameter;
import io.fxhome.web.timeline.TimelineCursor;
import io.fxhome.web.timeline.TimelinePage;
import io.fxhome.web.timeline.TimelineRepository;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The HTML4 tab timeline of a device: when its tabs changed (an "Older" link pages on), and what it had open at a
 * date and time (UTC) as a plain list of links, to reopen them.
 */
@Path("/basic/devices/{clientId}")
@Produces(MediaType.TEXT_HTML)
public class BasicTimelineResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance timeline(String clientId, String deviceName, TimelinePage page);

        static native TemplateInstance snapshot(String clientId, TabSnapshot snapshot, String asked);
    }

    private final CurrentUser current;
    private final TimelineRepository timeline;
    private final WebConfig config;

    public BasicTimelineResource(CurrentUser current, TimelineRepository timeline, WebConfig config) {
        this.current = current;
        this.timeline = timeline;
        this.config = config;
    }

    @GET
    @Path("/timeline")
    @Operation(hidden = true)
    public Response timeline(@PathParam("clientId") String clientId, @QueryParam("cursor") String cursor) {
        var account = current.require().accountId();
        String device = DeviceId.check(clientId);
        TimelinePage page = timeline.page(account, device, TimelineCursor.decode(cursor), config.basic().pageSize());
        String name = page.items().isEmpty() ? null : page.items().get(0).deviceName();
        return page(Templates.timeline(device, name, page));
    }

    @GET
    @Path("/tabs-at")
    @Operation(hidden = true)
    public Response snapshot(@PathParam("clientId") String clientId, @QueryParam("date") String date,
            @QueryParam("time") String time, @QueryParam("at") String at) {
        var account = current.require().accountId();
        String device = DeviceId.check(clientId);
        Optional<Instant> asked = TimeParameter.parseUtc(date, time).or(() -> TimeParameter.parse(at));
        Instant moment = asked.orElseGet(Instant::now);
        TabSnapshot snapshot = timeline.at(account, device, moment)
                .orElseThrow(() -> Problem.notFound("A snapshot of this device's tabs at that time"));
        Locale locale = RequestLanguage.current().locale();
        return page(Templates.snapshot(device, snapshot, TimeText.day(moment, locale) + ", " + TimeText.clock(moment, locale)));
    }

    @ServerExceptionMapper
    public Response problem(Problem p) {
        return BasicPages.problem(p);
    }
}
