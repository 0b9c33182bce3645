package io.fxhome.web.history.purge;

/** {@code POST /api/v1/history/purge}: a time range ({@code from}, {@code to}, as the visits list takes them) or a site. */
public record PurgeRequest(String from, String to, String host) {
}
