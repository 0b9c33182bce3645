package io.fxhome.web.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriInfo;

import io.fxhome.web.problem.Problem;

/**
 * What no parameter of fxhome may hold, checked on the decoded path and query before any resource runs: a NUL
 * character (PostgreSQL text cannot store one, and nothing a person types or fxhome gives out contains one), or a
 * percent-encoding that does not decode. Such a request is answered 400 at once, never passed on to a query.
 */
public final class HostileParameters {
    private HostileParameters() {
    }

    /** The problem with the request's path or query, if any. */
    public static Optional<Problem> problem(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        try {
            if (hasNul(uri.getPath())) {
                return Optional.of(Problem.badRequest("The address holds a NUL character."));
            }
            for (Map.Entry<String, List<String>> param : uri.getQueryParameters().entrySet()) {
                if (hasNul(param.getKey()) || param.getValue().stream().anyMatch(HostileParameters::hasNul)) {
                    return Optional.of(Problem.badRequest("A parameter of the address holds a NUL character."));
                }
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(Problem.badRequest("The address is not correctly percent-encoded."));
        }
    }

    private static boolean hasNul(String s) {
        return s != null && s.indexOf('\0') >= 0;
    }
}
