package io.fxhome.web.history;

import io.fxhome.web.config.WebConfig;
import io.fxhome.web.problem.Problem;

/** The page size a list was asked for: the default when none, within 1 and the largest page; not a number is a 400. */
public final class PageSizes {
    private PageSizes() {
    }

    public static int of(String limit, WebConfig.Api config) {
        if (limit == null || limit.isBlank()) {
            return config.historyPageSize();
        }
        try {
            long asked = Long.parseLong(limit.strip());
            return (int) Math.max(1, Math.min(asked, config.maxPageSize()));
        } catch (NumberFormatException e) {
            throw Problem.badRequest("The limit must be a whole number from 1 to " + config.maxPageSize() + ".");
        }
    }
}
