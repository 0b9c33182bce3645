package io.fxhome.web.history.calendar;

import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fxhome.web.http.ConditionalJson;
import io.fxhome.web.session.CurrentUser;

@Path("/api/v1/history/calendar")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
public class CalendarResource {
    private final CalendarRepository calendar;
    private final CurrentUser current;
    private final ConditionalJson json;

    public CalendarResource(CalendarRepository calendar, CurrentUser current, ConditionalJson json) {
        this.calendar = calendar;
        this.current = current;
        this.json = json;
    }

    @GET
    @Operation(summary = "Visit counts for every day of a month (month=2026-12, default this month) in a time zone (tz=Europe/Berlin,"
            + " default UTC), with the previous and next months and onThisDay: the same date a year ago and its visits")
    public Response month(@QueryParam("month") String month, @QueryParam("tz") String tz,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var account = current.require().accountId();
        ZoneId zone = CalendarRequest.zone(tz);
        return json.ok(calendar.month(account, CalendarRequest.month(month, zone), zone, LocalDate.now(zone)), ifNoneMatch);
    }
}
