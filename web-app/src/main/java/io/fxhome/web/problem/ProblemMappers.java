package io.fxhome.web.problem;

import java.util.Locale;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.logging.Log;

/**
 * Every error leaves as problem details, or as a page where a {@link ProblemPages} claims the path (the HTML4 pages);
 * anything unexpected is logged here with the route only (exception messages of the sync client never hold secrets).
 * A request whose form or address does not decode is the client's fault: a 400, not logged.
 */
public class ProblemMappers {
    /** Where RESTEasy decodes a form body or an address, and fails on a bad percent-encoding. */
    private static final String URL_DECODER = "org.jboss.resteasy.reactive.common.util.URLUtils";

    private final ProblemAnswers answers;

    public ProblemMappers(ProblemAnswers answers) {
        this.answers = answers;
    }

    @ServerExceptionMapper
    public Response problem(Problem p, UriInfo uri) {
        return answer(p, uri.getPath());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (original.hasEntity() || status < 400) {
            return original;
        }
        String reason = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return answer(new Problem(status, reason.toLowerCase(Locale.ROOT).replace(' ', '-'), reason,
                status == 404 ? "There is nothing at this address." : reason + "."), uri.getPath());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        if (e instanceof WebApplicationException w) {
            return webApplication(w, uri);
        }
        if (e instanceof IllegalArgumentException && e.getStackTrace().length > 0
                && URL_DECODER.equals(e.getStackTrace()[0].getClassName())) {
            return answer(Problem.badRequest("The form or the address is not correctly percent-encoded."), uri.getPath());
        }
        Log.errorf(e, "unexpected error on %s", uri.getPath());
        return answer(new Problem(500, "internal", "Internal error",
                "Something went wrong on this fxhome server; try again later."), uri.getPath());
    }

    private Response answer(Problem p, String path) {
        return answers.answer(p, path);
    }
}
