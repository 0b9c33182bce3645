package io.fxhome.web.problem;

import java.util.Locale;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.logging.Log;

/**
 * Every error of the JSON API leaves as problem details; the HTML4 pages render their own errors, and anything
 * unexpected is logged here with the route only (exception messages of the sync client never hold secrets).
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(Problem p) {
        return response(p);
    }

    /** The problem as an answer: its status, the JSON body, never cached, and Retry-After where waiting helps. */
    public static Response response(Problem p) {
        Response.ResponseBuilder r = Response.status(p.status()).type(ProblemBody.MEDIA_TYPE).entity(ProblemBody.of(p))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (p.retryAfter() != null) {
            r.header(HttpHeaders.RETRY_AFTER, Math.max(1, p.retryAfter().toSeconds()));
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (original.hasEntity() || status < 400) {
            return original;
        }
        String reason = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return Response.status(status).type(ProblemBody.MEDIA_TYPE)
                .entity(ProblemBody.of(status, reason.toLowerCase(Locale.ROOT).replace(' ', '-'), reason,
                        status == 404 ? "There is nothing at this address." : reason + "."))
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        if (e instanceof WebApplicationException w) {
            return webApplication(w);
        }
        Log.errorf(e, "unexpected error on %s", uri.getPath());
        return Response.status(500).type(ProblemBody.MEDIA_TYPE)
                .entity(ProblemBody.of(500, "internal", "Internal error",
                        "Something went wrong on this fxhome server; try again later."))
                .build();
    }
}
