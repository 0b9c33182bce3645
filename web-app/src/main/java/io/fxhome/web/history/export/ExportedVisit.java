package io.fxhome.web.history.export;

/** One row of the history export, as read from the database. */
record ExportedVisit(String visitedAt, String url, String title, String transition, boolean linkable) {
}
