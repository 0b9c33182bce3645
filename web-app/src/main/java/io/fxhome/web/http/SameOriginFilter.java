package io.fxhome.web.http;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.fxhome.web.problem.Problem;
import io.fxhome.web.problem.ProblemBody;
import io.vertx.core.http.HttpServerRequest;

/**
 * The first line of CSRF defence, before any token check: a state-changing request that a browser marks as coming
 * from another origin ({@code Origin}, or {@code Sec-Fetch-Site: cross-site}) is refused. Clients that send neither
 * (native apps, curl) pass here and meet the per-session token instead.
 */
public class SameOriginFilter {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext ctx, HttpServerRequest request) {
        if (SAFE.contains(ctx.getMethod())) {
            return null;
        }
        String fetchSite = ctx.getHeaderString("Sec-Fetch-Site");
        if ("cross-site".equalsIgnoreCase(fetchSite)) {
            return refuse();
        }
        String origin = ctx.getHeaderString("Origin");
        if (origin == null || origin.isEmpty() || "null".equals(origin)) {
            // No usable Origin (old browsers; "null" from privacy settings or sandboxed frames): the token decides.
            return null;
        }
        try {
            URI o = URI.create(origin);
            String host = ctx.getHeaderString("Host");
            String originHost = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            boolean sameHost = host != null && originHost != null && (host.equalsIgnoreCase(originHost)
                    || host.equalsIgnoreCase(o.getHost() + ":" + ("https".equals(o.getScheme()) ? 443 : 80)));
            boolean sameScheme = o.getScheme() != null && o.getScheme().toLowerCase(Locale.ROOT).equals(request.scheme());
            return sameHost && sameScheme ? null : refuse();
        } catch (IllegalArgumentException e) {
            return refuse();
        }
    }

    private static Response refuse() {
        return Response.status(403).type(ProblemBody.MEDIA_TYPE).entity(ProblemBody.of(Problem.csrf())).build();
    }
}
