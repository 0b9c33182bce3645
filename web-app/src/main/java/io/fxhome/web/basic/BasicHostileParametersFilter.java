package io.fxhome.web.basic;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.fxhome.web.http.HostileParameters;

/** {@link HostileParameters} for the HTML4 pages: a 400 page. */
public class BasicHostileParametersFilter {

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        if (!HostileParameters.forBasicPages(request)) {
            return null;
        }
        return HostileParameters.problem(request).map(BasicPages::problem).orElse(null);
    }
}
