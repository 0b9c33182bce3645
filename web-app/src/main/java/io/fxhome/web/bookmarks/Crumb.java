package io.fxhome.web.bookmarks;

/** One step of a folder's breadcrumb, from its root down. */
public record Crumb(String guid, String title) {
}
