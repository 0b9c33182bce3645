package io.fxhome.web.tokens;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.fxhome.web.problem.ProblemAnswers;
import io.fxhome.web.session.CurrentUser;

/**
 * Refuses, before any resource runs, a request that carries a bearer token where tokens are not accepted (anything but
 * a GET under /api/v1, token and feed management included): a token never changes anything, whatever the resource
 * would have done with the session cookie the request may also carry. Accepted ones are authenticated by
 * {@link CurrentUser} like any other request, so endpoints need no code of their own for tokens.
 */
public class BearerTokenFilter {
    private final CurrentUser current;
    private final ProblemAnswers problems;

    public BearerTokenFilter(CurrentUser current, ProblemAnswers problems) {
        this.current = current;
        this.problems = problems;
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        if (current.bearer().isEmpty() || current.bearerAccepted()) {
            return null;
        }
        return problems.answer(CurrentUser.tokenRefused(), request.getUriInfo().getPath());
    }
}
