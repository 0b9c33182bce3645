package io.fxhome.web.problem;

import java.util.Optional;

import jakarta.ws.rs.core.Response;

/**
 * Server-rendered pages that answer their errors as pages rather than problem details (the HTML4 pages): a bean of
 * theirs renders the problem when the request's path is theirs.
 */
public interface ProblemPages {
    /** The page answering {@code problem} for a request of {@code path}; empty when the path is not theirs. */
    Optional<Response> page(Problem problem, String path);
}
