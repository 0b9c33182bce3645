package io.fxhome.web.problem;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** How a problem is answered: as a page where a {@link ProblemPages} claims the path, else as problem details. */
@ApplicationScoped
public class ProblemAnswers {
    private final Instance<ProblemPages> pages;

    public ProblemAnswers(Instance<ProblemPages> pages) {
        this.pages = pages;
    }

    public Response answer(Problem p, String path) {
        for (ProblemPages page : pages) {
            Optional<Response> answer = page.page(p, path);
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        return details(p);
    }

    /** The problem as problem details: its status, the JSON body, never cached, and Retry-After where waiting helps. */
    public static Response details(Problem p) {
        Response.ResponseBuilder r = Response.status(p.status()).type(ProblemBody.MEDIA_TYPE).entity(ProblemBody.of(p))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (p.retryAfter() != null) {
            r.header(HttpHeaders.RETRY_AFTER, Math.max(1, p.retryAfter().toSeconds()));
        }
        return r.build();
    }
}
