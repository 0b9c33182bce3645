package io.fxhome.web.history.sites;

import java.util.List;

/** One page of sites, most recently visited first; {@code next} is the cursor of the following page, null at the end. */
public record SitePage(List<Site> items, String next) {
}
