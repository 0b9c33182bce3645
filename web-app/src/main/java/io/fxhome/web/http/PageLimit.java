package io.fxhome.web.http;

import io.fxhome.web.config.WebConfig;
import io.fxhome.web.problem.Problem;

/** The {@code limit} of a paged list: within 1 and the largest page; one that is not a whole number is refused. */
public final class PageLimit {
    private PageLimit() {
    }

    /** The limit with the API's default ({@code fxhome.web.api.history-page-size}) and largest page. */
    public static int of(String limit, WebConfig.Api config) {
        return of(limit, config.historyPageSize(), config.maxPageSize());
    }

    public static int of(String limit, int defaultSize, int maxSize) {
        if (limit == null || limit.isBlank()) {
            return defaultSize;
        }
        try {
            long asked = Long.parseLong(limit.strip());
            return (int) Math.max(1, Math.min(asked, maxSize));
        } catch (NumberFormatException e) {
            throw Problem.badRequest("The limit must be a whole number from 1 to " + maxSize + ".");
        }
    }
}
