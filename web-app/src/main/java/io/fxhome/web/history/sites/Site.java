package io.fxhome.web.history.sites;

import java.time.Instant;

/** A site (a host, lower case, without {@code www.}): its visits, its pages, and its latest visit. */
public record Site(String host, long visits, long pages, Instant lastVisitAt) {
}
