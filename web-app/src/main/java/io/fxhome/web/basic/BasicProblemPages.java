package io.fxhome.web.basic;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.fxhome.web.problem.Problem;
import io.fxhome.web.problem.ProblemPages;

/**
 * Errors met before or outside the HTML4 resources (a refused parameter, a form that does not decode, a body too
 * large) are pages too under {@code /basic/}.
 */
@ApplicationScoped
public class BasicProblemPages implements ProblemPages {

    @Override
    public Optional<Response> page(Problem problem, String path) {
        return path.equals("/basic") || path.startsWith("/basic/") ? Optional.of(BasicPages.problem(problem))
                : Optional.empty();
    }
}
