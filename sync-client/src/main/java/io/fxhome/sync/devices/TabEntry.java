package io.fxhome.sync.devices;

/**
 * One tab of a Send Tab payload ({@code {"title", "url", "private"}}); synced text, shown only escaped.
 *
 * @param title the page title as the sender had it
 * @param url the URL (any scheme: the reader decides what is clickable)
 * @param isPrivate whether it was sent from a private window
 */
public record TabEntry(String title, String url, boolean isPrivate) {
}
