package io.fxhome.web.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.fxhome.web.problem.ProblemAnswers;

/** {@link HostileParameters} on every request: a 400 problem, or a 400 page under {@code /basic/}. */
public class HostileParametersFilter {
    private final ProblemAnswers problems;

    public HostileParametersFilter(ProblemAnswers problems) {
        this.problems = problems;
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        return HostileParameters.problem(request).map(p -> problems.answer(p, request.getUriInfo().getPath())).orElse(null);
    }
}
