package io.fxhome.web.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.fxhome.web.problem.ProblemMappers;

/** {@link HostileParameters} for the JSON API and everything else but the HTML4 pages: a 400 problem. */
public class HostileParametersFilter {

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        if (HostileParameters.forBasicPages(request)) {
            return null; // BasicHostileParametersFilter answers with a page
        }
        return HostileParameters.problem(request).map(ProblemMappers::response).orElse(null);
    }
}
