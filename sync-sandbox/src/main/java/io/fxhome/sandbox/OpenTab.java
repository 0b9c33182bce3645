package io.fxhome.sandbox;

/** One tab another Firefox has open, for {@link Sandbox#replaceTabs}. */
public record OpenTab(String title, String url) {
}
