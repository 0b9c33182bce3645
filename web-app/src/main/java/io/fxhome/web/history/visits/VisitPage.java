package io.fxhome.web.history.visits;

import java.util.List;

/** One page of visits; {@code next} is the cursor of the following page, null at the end. */
public record VisitPage(List<Visit> items, String next) {
}
